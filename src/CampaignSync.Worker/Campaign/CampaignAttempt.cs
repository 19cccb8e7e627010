using System.Globalization;
using System.Net.Http.Headers;

namespace CampaignSync.Campaign;

/// <summary>
/// What one call (after the pipeline's retries) came to: the HTTP status, the parsed body and the policy.
/// <see cref="HttpStatus"/> is 0 when no answer arrived. <see cref="ToString"/> shows status, code and kind only,
/// because Polly's telemetry logs results and a body may carry profile data.
/// </summary>
internal sealed record CampaignAttempt(
    CampaignEndpoint Endpoint,
    int HttpStatus,
    CampaignResponseBody? Body,
    CampaignOutcomeKind Kind,
    TimeSpan? RetryAfter,
    string? Failure = null)
{
    // The codes that prove the server did not take the request: throttled, "not processed", or failed with a body.
    private static readonly HashSet<string> RefusalCodes = new(["429", "1010", "499", "500"], StringComparer.Ordinal);

    /// <summary>The body code, or the HTTP status when the body has none and the status is not 2xx.</summary>
    public string? Code => !string.IsNullOrWhiteSpace(Body?.Code)
        ? Body.Code.Trim()
        : HttpStatus is 0 or (>= 200 and < 300) ? null : HttpStatus.ToString(CultureInfo.InvariantCulture);

    /// <summary>The body's description, or the transport failure.</summary>
    public string? Description => Body?.Description ?? Failure;

    /// <summary>
    /// Classifies an answer. A retryable answer to a call that is not safe to repeat becomes
    /// <see cref="CampaignOutcomeKind.Ambiguous"/> unless it proves the request was refused; so does a 2xx
    /// whose body cannot be read (the server may have accepted it).
    /// </summary>
    public static CampaignAttempt FromAnswer(
        CampaignEndpoint endpoint, int httpStatus, CampaignResponseBody? body, bool bodyUnreadable, TimeSpan? retryAfter, bool repeatSafe)
    {
        var kind = CampaignErrorCodes.Classify(endpoint, httpStatus, body?.Code);
        if (bodyUnreadable && kind == CampaignOutcomeKind.Success)
        {
            kind = CampaignOutcomeKind.Retryable;
        }

        if (kind == CampaignOutcomeKind.Retryable && !repeatSafe && !ProvesRefusal(httpStatus, body?.Code))
        {
            kind = CampaignOutcomeKind.Ambiguous;
        }

        return new CampaignAttempt(endpoint, httpStatus, body, kind, retryAfter, bodyUnreadable ? "The answer's body is not valid JSON." : null);
    }

    /// <summary>No answer: connection refused before sending is retryable; anything after sending is ambiguous unless repeating is safe.</summary>
    public static CampaignAttempt FromTransportFailure(CampaignEndpoint endpoint, Exception exception, bool repeatSafe) =>
        new(
            endpoint,
            HttpStatus: 0,
            Body: null,
            repeatSafe || CampaignTransientPolicy.ProvesNotSent(exception) ? CampaignOutcomeKind.Retryable : CampaignOutcomeKind.Ambiguous,
            RetryAfter: null,
            Failure: CampaignTransientPolicy.Describe(exception));

    /// <summary>Reads <c>Retry-After</c> as seconds or as an HTTP date; a date in the past means "now".</summary>
    public static TimeSpan? ReadRetryAfter(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        return headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > timeProvider.GetUtcNow() ? date - timeProvider.GetUtcNow() : TimeSpan.Zero,
            _ => null,
        };
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Endpoint}: HTTP {HttpStatus}, code {Code ?? "none"}, {Kind}");

    private static bool ProvesRefusal(int httpStatus, string? bodyCode) =>
        httpStatus == 429 || (!string.IsNullOrWhiteSpace(bodyCode) && RefusalCodes.Contains(bodyCode.Trim()));
}
