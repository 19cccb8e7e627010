namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// The one place the end-to-end tests choose a <c>Campaign:UpsertTransport</c> (issue 16): a theory takes
/// <c>[MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]</c> and starts its worker with
/// <see cref="Settings"/>. A test of the async request's lifecycle (status polls, stalls, error files, request ids)
/// stays AsyncFile-only: Bulk and Single answer at once.
/// </summary>
internal static class UpsertTransports
{
    public const string AsyncFile = "AsyncFile";
    public const string Bulk = "Bulk";
    public const string Single = "Single";

    private const string Key = "Campaign:UpsertTransport";

    /// <summary>Every transport; <see cref="All"/> as theory data (a matrix with another parameter takes this).</summary>
    public static readonly string[] Names = [AsyncFile, Bulk, Single];

    /// <summary>Every transport, as theory data.</summary>
    public static TheoryData<string> All => new(Names);

    /// <summary>A worker's settings: <paramref name="settings"/> (none by default) with the transport.</summary>
    public static Dictionary<string, string?> Settings(string transport, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>()) { [Key] = transport };

    /// <summary>
    /// How the simulator's request counters (<c>/_sim/stats</c>, "METHOD path status") begin for the upsert call of
    /// <paramref name="transport"/>; the async and the single call share a path.
    /// </summary>
    public static string UpsertCalls(string transport) => transport == Bulk
        ? "POST /campaignapi/resources/v3/profiles/updateBulk "
        : "POST /campaignapi/resources/v3/profile ";
}
