namespace CampaignSync.Simulator.Api;

/// <summary>
/// Maps the real API under <c>/campaignapi</c> behind <see cref="RealApiFilter"/>. Every other method on a real path
/// answers 405 with code 405 (after the same filter: it is a real-API call too).
/// </summary>
internal static class CampaignApiEndpoints
{
    public const string Prefix = "/campaignapi";

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public static void MapCampaignApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Prefix).AddEndpointFilter<RealApiFilter>();
        api.MapUpsertEndpoints();
        api.MapBulkEndpoints();
        api.MapDeleteEndpoints();
        api.MapStatusEndpoints();
        api.MapProfileQueryEndpoints();

        MapNotSupported(api, UpsertEndpoints.Path, "POST");
        MapNotSupported(api, BulkEndpoints.Path, "POST");
        MapNotSupported(api, DeleteEndpoints.Path, "POST");
        MapNotSupported(api, ProfileQueryEndpoints.GetPath, "POST");
        MapNotSupported(api, StatusEndpoints.StatusPath, "GET");
        MapNotSupported(api, StatusEndpoints.ErrorFilePath, "GET");
        MapNotSupported(api, ProfileQueryEndpoints.MetadataPath, "GET");
        MapNotSupported(api, ProfileQueryEndpoints.MetadataByIdPath, "GET");
    }

    private static void MapNotSupported(RouteGroupBuilder api, string path, string allowed) =>
        api.MapMethods(path, Methods.Where(method => method != allowed).ToArray(), ApiResults.MethodNotSupported);
}
