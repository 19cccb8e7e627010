using System.Text;
using CampaignSync.Simulator.Processing;

namespace CampaignSync.Simulator.Api;

/// <summary>
/// <c>GET /campaignapi/resources/v3/profilequerystatus/{request-id}</c> and the error files it points to
/// (decision: <c>/campaignapi/resources/v3/files/{request-id}/errors.csv</c>, relative to the base URL).
/// </summary>
internal static class StatusEndpoints
{
    public const string StatusPath = "/resources/v3/profilequerystatus/{requestId}";
    public const string ErrorFilePath = "/resources/v3/files/{requestId}/errors.csv";

    public static void MapStatusEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet(StatusPath, GetStatus);
        api.MapGet(ErrorFilePath, GetErrorFile);
    }

    public static string ErrorFileUrl(string requestId) => $"/campaignapi/resources/v3/files/{Uri.EscapeDataString(requestId)}/errors.csv";

    // Unknown ids answer 1010 forever, like ids still processing (the doc's decision), so clients need a deadline.
    private static IResult GetStatus(string requestId, AsyncRequestRegistry registry, SimulatorOptions options)
    {
        if (options.StatusFailureCode is { } code)
        {
            return ApiResults.Error(new ApiError(code, "Request failed"));
        }

        var result = registry.FindResult(requestId);
        if (result is null || options.NeverComplete)
        {
            return ApiResults.Error(new ApiError(CampaignCodes.NotProcessed, "Request not processed"));
        }

        var errorFile = result.ErrorFile is null ? null : ErrorFileUrl(requestId);
        return ApiResults.Ok(new QueryStatusResponse(result.UpdateCount, errorFile), SimulatorJsonContext.Default.QueryStatusResponse);
    }

    private static IResult GetErrorFile(string requestId, AsyncRequestRegistry registry)
    {
        var errorFile = registry.FindResult(requestId)?.ErrorFile;
        return errorFile is null
            ? ApiResults.Error(StatusCodes.Status404NotFound, CampaignCodes.FileNotFound, "File not found")
            : Results.Text(errorFile, "text/csv", Encoding.UTF8);
    }
}
