using System.Net;

namespace CampaignSync.Crm;

/// <summary>
/// One HTTP answer of the Wethod API, read whole inside the attempt (so the attempt timeout covers the body and a
/// broken body is retried like a broken connection). <paramref name="RetryAfter"/> is the server's requested wait.
/// </summary>
internal sealed record WethodAnswer(HttpStatusCode Status, byte[] Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>Rate limited, timed out or a server fault: worth another attempt.</summary>
    public bool IsTransient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500;
}
