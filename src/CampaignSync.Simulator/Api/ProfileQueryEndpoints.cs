using System.Globalization;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Api;

/// <summary>
/// Verification calls: <c>POST /campaignapi/resources/v3/profile/get</c> (sync, by key) and
/// <c>GET /campaignapi/metadata/v3/profile[/{profile-id}]</c>.
/// </summary>
internal static class ProfileQueryEndpoints
{
    public const string GetPath = "/resources/v3/profile/get";
    public const string MetadataPath = "/metadata/v3/profile";
    public const string MetadataByIdPath = "/metadata/v3/profile/{profileId}";

    public static void MapProfileQueryEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost(GetPath, GetProfileAsync);
        api.MapGet(MetadataPath, (ProfileCatalog catalog) =>
            ApiResults.Ok(catalog.All().Select(ToMetadata).ToList(), SimulatorJsonContext.Default.ListProfileMetadata));
        api.MapGet(MetadataByIdPath, (string profileId, ProfileCatalog catalog) => catalog.FindById(profileId) is { } profile
            ? ApiResults.Ok(ToMetadata(profile), SimulatorJsonContext.Default.ProfileMetadata)
            : ApiResults.Error(new ApiError(CampaignCodes.InvalidProfileId, "Invalid profile id")));
    }

    private static async Task<IResult> GetProfileAsync(
        HttpRequest http,
        ProfileCatalog catalog,
        ProfileStore store,
        CancellationToken cancellationToken)
    {
        var request = await ApiResults.ReadBodyAsync(http, SimulatorJsonContext.Default.GetProfileRequest, cancellationToken);
        if (request is null)
        {
            return ApiResults.InvalidInput("Invalid input JSON");
        }

        if (!catalog.TryResolve(request.ProfileName, request.ProfileId, out var profile, out var profileError))
        {
            return ApiResults.Error(profileError);
        }

        if (request.Sync is not (null or "1") || string.IsNullOrEmpty(request.Key))
        {
            return ApiResults.InvalidInput("key is mandatory; the simulator answers sync get by key only");
        }

        var stored = store.Find(profile.Name, request.Key);
        return stored is null
            ? ApiResults.Error(new ApiError(CampaignCodes.ProfileNotFound, "Contact profile not found"))
            : ApiResults.Ok(
                new ProfileResponse(profile.Id, request.Key, stored.Select(pair => new AttributeValue(pair.Key, pair.Value)).ToList()),
                SimulatorJsonContext.Default.ProfileResponse);
    }

    private static ProfileMetadata ToMetadata(SimulatedProfile profile) => new(
        profile.Id,
        profile.Name,
        profile.Attributes
            .Select((name, index) => new AttributeMetadata((index + 1).ToString(CultureInfo.InvariantCulture), name,
                profile.AttributeTypes.GetValueOrDefault(name, "string"), "default"))
            .ToList());
}
