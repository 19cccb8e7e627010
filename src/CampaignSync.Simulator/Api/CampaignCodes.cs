namespace CampaignSync.Simulator.Api;

/// <summary>The codes the simulator answers with (docs/campaign-api.md), plus its own decisions.</summary>
internal static class CampaignCodes
{
    public const string InvalidProfileIdOnDelete = "102";
    public const string MethodNotSupported = "405";
    public const string Throttled = "429";
    public const string KeyNotAllowed = "430";
    public const string InvalidToken = "498";
    public const string InternalError = "500";
    public const string InvalidInput = "1001";
    public const string NotProcessed = "1010";
    public const string ProfileNotFound = "1020";
    public const string InvalidProfileId = "3005";
    public const string ProfileIdAndNameMismatch = "7031";

    /// <summary>
    /// Decision: the code of a record that fails because of <c>"update-link": "3"</c> and a missing linked profile.
    /// The public pages name the behaviour but not its code.
    /// </summary>
    public const string LinkedProfileNotFound = "3006";

    /// <summary>Decision: the code of an unknown error-file path (HTTP 404).</summary>
    public const string FileNotFound = "404";
}
