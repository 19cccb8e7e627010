using CampaignSync.Simulator.Processing;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Api;

/// <summary>
/// <c>POST /campaignapi/resources/v3/profiles/updateBulk</c>: up to 100 sync upserts in one call. The whole request is
/// checked first (any problem is 200/1001); then each entry is applied and answered in order.
/// </summary>
internal static class BulkEndpoints
{
    public const string Path = "/resources/v3/profiles/updateBulk";
    public const int MaxEntries = 100;

    public static void MapBulkEndpoints(this RouteGroupBuilder api) => api.MapPost(Path, BulkAsync);

    private static async Task<IResult> BulkAsync(
        HttpRequest http,
        ProfileCatalog catalog,
        SimulatorOptions options,
        RecordApplier applier,
        AsyncRequestRegistry registry,
        CancellationToken cancellationToken)
    {
        var request = await ApiResults.ReadBodyAsync(http, SimulatorJsonContext.Default.BulkRequest, cancellationToken);
        if (request is null)
        {
            return ApiResults.InvalidInput("Invalid input JSON");
        }

        if (!catalog.TryResolve(request.ProfileName, request.ProfileId, out var profile, out var profileError))
        {
            return ApiResults.Error(profileError);
        }

        if (!SwitchValues.TryParseUpdateLink(request.UpdateLink, out var link)
            || request.Requests is not { Count: > 0 and <= MaxEntries } entries)
        {
            return ApiResults.InvalidInput($"Invalid input JSON: update-link, or requests must hold 1 to {MaxEntries} entries");
        }

        var checkedEntries = new List<(string Key, UpsertMode Upsert, List<KeyValuePair<string, string>> Attributes)>();
        foreach (var entry in entries)
        {
            if (entry is null || !SwitchValues.TryParseUpsert(entry.Upsert, out var upsert))
            {
                return ApiResults.InvalidInput("Invalid input JSON: upsert has an unknown value");
            }

            var error = RequestChecks.CheckRecord(profile, entry.Key, entry.Attributes, options.MaxValueLength, out var attributes);
            if (error is not null)
            {
                return ApiResults.Error(error);
            }

            checkedEntries.Add((entry.Key!, upsert, attributes));
        }

        var results = await registry.WriteAsync(profile.Name, checkedEntries.Select(entry => entry.Key).ToList(), options.WriteCallDuration,
            () => checkedEntries.Select(entry => ToResult(entry.Key, applier.Apply(profile, entry.Key, entry.Attributes, entry.Upsert, link))).ToList());
        var applied = results.Sum(result => result.UpdateCount ?? 0);
        return ApiResults.Ok(new BulkResponse(applied, ApiResults.NewId(), results), SimulatorJsonContext.Default.BulkResponse);
    }

    private static BulkEntryResult ToResult(string key, RecordOutcome outcome) => outcome.Kind == RecordOutcomeKind.Failed
        ? new BulkEntryResult(key, null, outcome.Code, outcome.Description)
        : new BulkEntryResult(key, outcome.Kind == RecordOutcomeKind.Applied ? 1 : 0, null, null);
}
