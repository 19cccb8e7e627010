using CampaignSync.Simulator.Api;
using CampaignSync.Simulator.Processing;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Inspection;

/// <summary>
/// <c>/_sim</c>: not part of the real API, so no auth, throttling or faults. Lets tests assert on what the
/// simulator holds and what it was sent, instead of on log text.
/// </summary>
internal static class InspectionEndpoints
{
    public static void MapInspection(this IEndpointRouteBuilder app)
    {
        var sim = app.MapGroup("/_sim");
        sim.MapGet("/health", () => "ok");
        sim.MapGet("/profiles/{profileName}", (string profileName, ProfileCatalog catalog, ProfileStore store) =>
            catalog.FindByName(profileName) is null
                ? ApiResults.Error(StatusCodes.Status404NotFound, CampaignCodes.InvalidProfileId, "Invalid profile name")
                : ApiResults.Ok(
                    store.List(profileName).Select(pair => new StoredProfileView(pair.Key, pair.Value)).ToList(),
                    SimulatorJsonContext.Default.ListStoredProfileView));
        sim.MapGet("/stats", (SimulatorStats stats) => ApiResults.Ok(stats.Snapshot(), SimulatorJsonContext.Default.StatsSnapshot));
        sim.MapPost("/reset", (ProfileStore store, SimulatorStats stats, AsyncRequestRegistry registry, TokenBucket bucket) =>
        {
            // Dropping the registry also drops queued async requests: the worker skips any it no longer knows.
            registry.Clear();
            store.Clear();
            stats.Reset();
            bucket.Reset();
            return Results.NoContent();
        });
    }
}
