using System.Globalization;

namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// What stands in front of every <c>/api</c> endpoint, in this order: an injected 429 (with
/// <c>x-ratelimit-retry-after</c>), authorization (401), the company and version headers (412: the docs list 412 on
/// plain GETs without saying why; answering a missing or unknown company or version with it is this simulator's
/// assumption, docs/wethod-crm-api.md), the <c>crm.edit</c> permission on writes (403), then an injected 503.
/// </summary>
internal sealed class WethodRequestFilter(WethodSimulatorOptions options, WethodFaults faults) : IEndpointFilter
{
    private const string BearerPrefix = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (faults.TakeThrottle())
        {
            http.Response.Headers["x-ratelimit-retry-after"] = faults.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return WethodResults.Error(StatusCodes.Status429TooManyRequests, "too_many_requests", "Rate limit exceeded");
        }

        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) ? header[BearerPrefix.Length..].Trim() : "";
        var canEdit = token.Length > 0 && string.Equals(token, options.Token, StringComparison.Ordinal);
        var canView = canEdit || (token.Length > 0 && options.ViewOnlyTokens.ToArray().Contains(token, StringComparer.Ordinal));
        if (!canView)
        {
            return WethodResults.Error(StatusCodes.Status401Unauthorized, "unauthorized", "Missing or invalid access token");
        }

        if (!string.Equals(http.Request.Headers["Wethod-Company"].ToString(), options.Company, StringComparison.Ordinal)
            || !string.Equals(http.Request.Headers["Wethod-Version"].ToString(), options.ApiVersion, StringComparison.Ordinal))
        {
            return WethodResults.Error(StatusCodes.Status412PreconditionFailed, "precondition_failed",
                "Wethod-Company and Wethod-Version must name a company of this token and a supported version");
        }

        if (!HttpMethods.IsGet(http.Request.Method) && !canEdit)
        {
            return WethodResults.Error(StatusCodes.Status403Forbidden, "forbidden", "The token lacks the crm.edit permission");
        }

        if (faults.TakeServerError())
        {
            return Results.Content("<html><body>503 Service Unavailable</body></html>", "text/html", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        return await next(context);
    }
}
