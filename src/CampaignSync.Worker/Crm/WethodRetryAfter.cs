using System.Globalization;
using System.Net.Http.Headers;

namespace CampaignSync.Crm;

/// <summary>
/// The wait a Wethod answer asks for: <c>x-ratelimit-retry-after</c> in seconds (the header the API's clients read,
/// docs/wethod-crm-api.md, "Rate limits"), else a standard <c>Retry-After</c> (seconds or an HTTP date).
/// </summary>
internal static class WethodRetryAfter
{
    public const string RateLimitHeader = "x-ratelimit-retry-after";

    public static TimeSpan? Read(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (headers.TryGetValues(RateLimitHeader, out var values)
            && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > timeProvider.GetUtcNow() ? date - timeProvider.GetUtcNow() : TimeSpan.Zero,
            _ => null,
        };
    }
}
