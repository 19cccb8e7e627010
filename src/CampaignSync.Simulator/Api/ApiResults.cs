using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CampaignSync.Simulator.Api;

/// <summary>Answers in the service's shape: kebab-case JSON, failures as code and description in the body.</summary>
internal static class ApiResults
{
    public static IResult Ok<T>(T value, JsonTypeInfo<T> typeInfo) => Results.Json(value, typeInfo);

    public static IResult Error(int statusCode, string code, string description) =>
        Results.Json(new ApiError(code, description), SimulatorJsonContext.Default.ApiError, statusCode: statusCode);

    /// <summary>Most failures of the profile calls come with HTTP 200 (docs/campaign-api.md).</summary>
    public static IResult Error(ApiError error) => Error(StatusCodes.Status200OK, error.Code, error.Description);

    public static IResult InvalidInput(string description) =>
        Error(StatusCodes.Status200OK, CampaignCodes.InvalidInput, description);

    public static IResult MethodNotSupported() =>
        Error(StatusCodes.Status405MethodNotAllowed, CampaignCodes.MethodNotSupported, "Method not supported");

    public static string NewId() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    /// <summary>Reads a JSON body; null when it is not valid JSON for <typeparamref name="T"/> (the caller answers 1001).</summary>
    public static async Task<T?> ReadBodyAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
