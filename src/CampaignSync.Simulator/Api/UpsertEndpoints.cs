using CampaignSync.Simulator.Processing;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Api;

/// <summary><c>POST /campaignapi/resources/v3/profile</c>: create/update one profile (sync) or a CSV file of them (async).</summary>
internal static class UpsertEndpoints
{
    public const string Path = "/resources/v3/profile";

    public static void MapUpsertEndpoints(this RouteGroupBuilder api) => api.MapPost(Path, UpsertAsync);

    private static async Task<IResult> UpsertAsync(
        HttpRequest http,
        ProfileCatalog catalog,
        SimulatorOptions options,
        RecordApplier applier,
        AsyncUpsertHandler asyncHandler,
        AsyncRequestRegistry registry,
        CancellationToken cancellationToken)
    {
        var request = await ApiResults.ReadBodyAsync(http, SimulatorJsonContext.Default.UpsertRequest, cancellationToken);
        if (request is null)
        {
            return ApiResults.InvalidInput("Invalid input JSON");
        }

        if (!catalog.TryResolve(request.ProfileName, request.ProfileId, out var profile, out var profileError))
        {
            return ApiResults.Error(profileError);
        }

        if (!SwitchValues.TryParseSync(request.Sync, out var isAsync)
            || !SwitchValues.TryParseUpsert(request.Upsert, out var upsert)
            || !SwitchValues.TryParseUpdateLink(request.UpdateLink, out var link))
        {
            return ApiResults.InvalidInput("Invalid input JSON: sync, upsert or update-link has an unknown value");
        }

        if (isAsync)
        {
            return asyncHandler.Accept(request.File, profile, upsert, link);
        }

        var error = RequestChecks.CheckRecord(profile, request.Key, request.Attributes, options.MaxValueLength, out var attributes);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var outcome = await registry.WriteAsync(profile.Name, [request.Key!], options.WriteCallDuration,
            () => applier.Apply(profile, request.Key!, attributes, upsert, link));
        return outcome.Kind == RecordOutcomeKind.Failed
            ? ApiResults.Error(new ApiError(outcome.Code!, outcome.Description!))
            : ApiResults.Ok(
                new UpsertResponse(outcome.Kind == RecordOutcomeKind.Applied ? 1 : 0, ApiResults.NewId()),
                SimulatorJsonContext.Default.UpsertResponse);
    }
}
