using System.Net;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CampaignSync.Campaign;

/// <summary>
/// Which outcomes the shared pipeline retries and which count against the circuit breaker. Results are
/// <see cref="CampaignAttempt"/> (JSON calls, classified by <see cref="CampaignErrorCodes"/>) or
/// <see cref="HttpResponseMessage"/> (the error-file stream, judged by status alone).
/// </summary>
internal static class CampaignTransientPolicy
{
    /// <summary>
    /// Retry a retryable answer (the attempt already made it <see cref="CampaignOutcomeKind.Ambiguous"/> when a
    /// submit cannot be resent), unless the server asked for a longer wait than one call holds. Retry an
    /// exception when the request provably never left, or when the call is safe to repeat.
    /// </summary>
    public static bool ShouldRetry(Outcome<object> outcome, ResilienceContext context, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(context);
        var repeatSafe = context.Properties.GetValue(CampaignResilienceKeys.RepeatSafe, false);
        return outcome switch
        {
            { Exception: { } exception } => ProvesNotSent(exception) || (repeatSafe && IsTransient(exception)),
            { Result: CampaignAttempt attempt } =>
                attempt.Kind == CampaignOutcomeKind.Retryable && !(attempt.RetryAfter > CampaignDefaults.MaxRetryAfterInCall),
            { Result: HttpResponseMessage response } =>
                IsTransientStatus(response.StatusCode)
                && !(CampaignAttempt.ReadRetryAfter(response.Headers, timeProvider) > CampaignDefaults.MaxRetryAfterInCall),
            _ => false,
        };
    }

    /// <summary>The server's own wait, when it gave one; otherwise the exponential backoff decides.</summary>
    public static TimeSpan? RetryAfter(Outcome<object> outcome, TimeProvider timeProvider) => outcome.Result switch
    {
        CampaignAttempt attempt => attempt.RetryAfter,
        HttpResponseMessage response => CampaignAttempt.ReadRetryAfter(response.Headers, timeProvider),
        _ => null,
    };

    /// <summary>
    /// Failures that say the server is unwell: 5xx, 499 and 500 codes, timeouts, broken connections. Not 429 (the
    /// server is healthy and pacing us; the rate limiter's job) and not 1010 (busy, not broken).
    /// </summary>
    public static bool IsServerFault(Outcome<object> outcome) => outcome switch
    {
        { Exception: { } exception } => exception is TimeoutRejectedException or HttpRequestException or IOException,
        { Result: CampaignAttempt attempt } => attempt.HttpStatus >= 500 || attempt.Code is "499" or "500",
        { Result: HttpResponseMessage response } => (int)response.StatusCode >= 500,
        _ => false,
    };

    /// <summary>
    /// True when the request cannot have reached the server: the client-side rate limiter refused it, or the
    /// connection (DNS, TCP connect, TLS handshake, proxy tunnel) failed before a byte of it was sent.
    /// </summary>
    public static bool ProvesNotSent(Exception exception) => exception switch
    {
        RateLimiterRejectedException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
            or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError } => true,
        _ => false,
    };

    /// <summary>Timeouts and transport failures: worth another try when repeating is safe.</summary>
    public static bool IsTransient(Exception exception) =>
        exception is TimeoutRejectedException or HttpRequestException or IOException or RateLimiterRejectedException;

    /// <summary>A short description of a transport failure, free of URLs and payloads.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        TimeoutRejectedException timeout => $"No answer within {timeout.Timeout.TotalMilliseconds:0} ms.",
        RateLimiterRejectedException => "Refused by the client-side rate limiter.",
        HttpRequestException http => $"Transport failure: {http.HttpRequestError}.",
        _ => $"Transport failure: {exception.GetType().Name}.",
    };

    private static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
