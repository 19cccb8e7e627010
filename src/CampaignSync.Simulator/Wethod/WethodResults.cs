namespace CampaignSync.Simulator.Wethod;

/// <summary>Answers in the documented shape: snake_case JSON, errors as <c>key</c>, <c>message</c>, <c>failures</c>.</summary>
internal static class WethodResults
{
    public static IResult Error(int statusCode, string key, string message) =>
        Results.Json(new WethodSimError(key, message), WethodSimJsonContext.Default.WethodSimError, statusCode: statusCode);

    public static IResult Invalid(IReadOnlyList<WethodSimFailure> failures) =>
        Results.Json(new WethodSimError("invalid_data", "Validation failed: see failures", failures), WethodSimJsonContext.Default.WethodSimError,
            statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string what) => Error(StatusCodes.Status404NotFound, "not_found", what + " not found");
}
