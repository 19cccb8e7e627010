using System.Globalization;
using CampaignSync.Simulator.Inspection;
using Microsoft.Net.Http.Headers;

namespace CampaignSync.Simulator.Api;

/// <summary>
/// What stands in front of every real-API endpoint (not <c>/_sim</c>), in this order: added latency, the rate limit
/// (429 + Retry-After), authorization (401 with 430 or 498), injected server errors (500, nothing applied).
/// </summary>
internal sealed class RealApiFilter(SimulatorOptions options, TokenBucket bucket, SimulatorStats stats, TimeProvider timeProvider)
    : IEndpointFilter
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var latency = options.AddedLatency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, timeProvider, http.RequestAborted);
        }

        var retryAfterSeconds = 1;
        if (options.ThrottleEverything || !bucket.TryTake(out retryAfterSeconds))
        {
            stats.CountThrottled();
            http.Response.Headers[HeaderNames.RetryAfter] = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return ApiResults.Error(StatusCodes.Status429TooManyRequests, CampaignCodes.Throttled, "Request throttled for the time window");
        }

        var authError = Authorize(http.Request.Headers.Authorization.ToString());
        if (authError is not null)
        {
            return ApiResults.Error(StatusCodes.Status401Unauthorized, authError.Code, authError.Description);
        }

        var errorRate = options.ServerErrorRate;
        if (errorRate > 0 && Random.Shared.NextDouble() < errorRate)
        {
            stats.CountServerError();
            return ApiResults.Error(StatusCodes.Status500InternalServerError, CampaignCodes.InternalError, "Internal server error");
        }

        return await next(context);
    }

    // An expired key wins over an accepted one, so a test can expire the primary key at runtime.
    private ApiError? Authorize(string header)
    {
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return NotAllowed();
        }

        var key = header[BearerPrefix.Length..].Trim();
        if (key.Length == 0)
        {
            return NotAllowed();
        }

        if (options.ExpiredKeys.ToArray().Contains(key, StringComparer.Ordinal))
        {
            return new ApiError(CampaignCodes.InvalidToken, "Invalid or expired token");
        }

        var accepted = string.Equals(key, options.ApiKey, StringComparison.Ordinal)
            || (!string.IsNullOrEmpty(options.SecondaryApiKey) && string.Equals(key, options.SecondaryApiKey, StringComparison.Ordinal));
        return accepted ? null : NotAllowed();
    }

    private static ApiError NotAllowed() => new(CampaignCodes.KeyNotAllowed, "Key not allowed to access this resource");
}
