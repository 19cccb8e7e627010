using CampaignSync.Simulator.Processing;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Api;

/// <summary>
/// <c>POST /campaignapi/resources/v3/delete</c>: one key per call. Codes per the doc: 500/1001 for invalid input,
/// 200/102 for an unknown profile, 200/1020 when the profile record does not exist.
/// </summary>
internal static class DeleteEndpoints
{
    public const string Path = "/resources/v3/delete";

    public static void MapDeleteEndpoints(this RouteGroupBuilder api) => api.MapPost(Path, DeleteAsync);

    private static async Task<IResult> DeleteAsync(
        HttpRequest http,
        ProfileCatalog catalog,
        ProfileStore store,
        KeyRuleMatcher rules,
        AsyncRequestRegistry registry,
        SimulatorOptions options,
        CancellationToken cancellationToken)
    {
        var request = await ApiResults.ReadBodyAsync(http, SimulatorJsonContext.Default.DeleteRequest, cancellationToken);
        if (request is null || string.IsNullOrEmpty(request.Key))
        {
            return ApiResults.Error(StatusCodes.Status500InternalServerError, CampaignCodes.InvalidInput, "Invalid input JSON");
        }

        // profile-name is optional in the doc: without it the simulator uses the first profile (contacts by default).
        var profile = request.ProfileName is null ? FirstProfile(catalog) : catalog.FindByName(request.ProfileName);
        if (profile is null)
        {
            return ApiResults.Error(new ApiError(CampaignCodes.InvalidProfileIdOnDelete, "Invalid profile id"));
        }

        var rule = rules.Match(request.Key);
        if (rule is not null)
        {
            return ApiResults.Error(new ApiError(rule.Code, rule.Description));
        }

        return await registry.WriteAsync(profile.Name, [request.Key], options.WriteCallDuration, () => store.Delete(profile.Name, request.Key)
            ? ApiResults.Ok(new TransactionResponse(ApiResults.NewId()), SimulatorJsonContext.Default.TransactionResponse)
            : ApiResults.Error(new ApiError(CampaignCodes.ProfileNotFound, "Contact profile not found")));
    }

    private static SimulatedProfile? FirstProfile(ProfileCatalog catalog)
    {
        var profiles = catalog.All();
        return profiles.Count == 0 ? null : profiles[0];
    }
}
