using System.Collections.Frozen;
using System.Globalization;

namespace CampaignSync.Campaign;

/// <summary>
/// The one table from Campaign response codes to worker policy (docs/campaign-api.md, "Codes and their policy").
/// The README's "Response codes → policy" is this table; change both together.
/// </summary>
internal static class CampaignErrorCodes
{
    /// <summary>Every documented code, in the order of the API reference.</summary>
    public static readonly IReadOnlyList<CampaignCodeRow> Rows =
    [
        new("102", "Invalid profile id (delete)", CampaignOutcomeKind.PermanentFailure),
        new("405", "Method not supported", CampaignOutcomeKind.StopAndAlert),
        new("429", "Throttled for the time window", CampaignOutcomeKind.Retryable),
        new("430", "Key not allowed for this resource", CampaignOutcomeKind.StopAndAlert),
        new("498", "Invalid or expired token", CampaignOutcomeKind.RefreshAndRetry),
        new("499", "Request failed (see body)", CampaignOutcomeKind.Retryable),
        new("500", "Internal error", CampaignOutcomeKind.Retryable),
        new("1001", "Invalid input JSON / profile id or name missing", CampaignOutcomeKind.PermanentFailure),
        // On the status call 1010 means "still processing": the call itself succeeded (a project decision).
        new("1010", "Request not processed", CampaignOutcomeKind.Retryable, OnStatus: CampaignOutcomeKind.Success),
        // A delete of a profile that is already gone has reached its goal: at-least-once delivery depends on it.
        // On Get contact profile it is an answer: the profile does not exist.
        new("1020", "Contact profile not found", CampaignOutcomeKind.PermanentFailure, OnDelete: CampaignOutcomeKind.Success,
            OnGetProfile: CampaignOutcomeKind.Success),
        new("3005", "Invalid profile id", CampaignOutcomeKind.PermanentFailure),
        new("7031", "Profile id and name do not match", CampaignOutcomeKind.PermanentFailure),
    ];

    private static readonly FrozenDictionary<string, CampaignCodeRow> ByCode =
        Rows.ToFrozenDictionary(row => row.Code, StringComparer.Ordinal);

    /// <summary>Looks up a documented code (trimmed, as text).</summary>
    public static bool TryGetRow(string code, out CampaignCodeRow row) => ByCode.TryGetValue(code.Trim(), out row!);

    /// <summary>
    /// Classifies an answer. The body code wins over the HTTP status (failures often come with HTTP 200, and
    /// delete answers 1001 with HTTP 500). Without a body code the HTTP status decides: 2xx is success,
    /// documented statuses use their row, 408 and other 5xx are retryable, other 4xx stop the pipeline.
    /// An undocumented body code stops the pipeline unless the status is 5xx: the table is then incomplete,
    /// and neither silently retrying forever nor failing records for good is safe.
    /// </summary>
    public static CampaignOutcomeKind Classify(CampaignEndpoint endpoint, int httpStatus, string? bodyCode)
    {
        if (!string.IsNullOrWhiteSpace(bodyCode))
        {
            if (TryGetRow(bodyCode, out var row))
            {
                return row.KindFor(endpoint);
            }

            return httpStatus >= 500 ? CampaignOutcomeKind.Retryable : CampaignOutcomeKind.StopAndAlert;
        }

        if (httpStatus is >= 200 and < 300)
        {
            return CampaignOutcomeKind.Success;
        }

        if (ByCode.TryGetValue(httpStatus.ToString(CultureInfo.InvariantCulture), out var statusRow))
        {
            return statusRow.KindFor(endpoint);
        }

        return httpStatus is 408 or >= 500 ? CampaignOutcomeKind.Retryable : CampaignOutcomeKind.StopAndAlert;
    }
}
