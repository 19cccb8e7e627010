using System.Net;

namespace CampaignSync.Crm;

/// <summary>
/// A Wethod read that did not succeed after its retries. The message names the path, the HTTP status and the API's
/// error <c>key</c> only; the API's <c>message</c> and <c>failures</c> may echo a value and are never carried.
/// </summary>
internal sealed class WethodApiException(string what, HttpStatusCode status, string? errorKey)
    : Exception($"{what} answered HTTP {(int)status}{(errorKey is null ? "" : $" ({errorKey})")}{Hint(status)}")
{
    public HttpStatusCode Status { get; } = status;

    public string? ErrorKey { get; } = errorKey;

    // What an operator does about it (docs/wethod-crm-api.md, "Errors").
    private static string Hint(HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => ": the token (Crm:Token) is missing, wrong or revoked",
        HttpStatusCode.Forbidden => ": the token's user lacks the crm.view permission",
        HttpStatusCode.PreconditionFailed => ": check Crm:Company and Crm:ApiVersion",
        HttpStatusCode.BadRequest => ": the request was rejected as invalid",
        _ => "",
    };
}
