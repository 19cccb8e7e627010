namespace CampaignSync.Campaign;

/// <summary>Defaults and fixed limits of the Campaign client, named once here and never written as literals in the logic.</summary>
internal static class CampaignDefaults
{
    /// <summary>The key of the one resilience pipeline for the Campaign API.</summary>
    public const string PipelineKey = "campaign-api";

    /// <summary>Default <see cref="CampaignOptions.AttemptTimeout"/>.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="CampaignOptions.TotalTimeout"/>.</summary>
    public static readonly TimeSpan TotalTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Default <see cref="CampaignOptions.RetryBaseDelay"/>.</summary>
    public static readonly TimeSpan RetryBaseDelay = TimeSpan.FromSeconds(1);

    /// <summary>Default <see cref="CampaignOptions.MaxRetries"/>.</summary>
    public const int MaxRetries = 5;

    /// <summary>Default <see cref="CampaignOptions.RequestsPerSecond"/>: no client-side limit.</summary>
    public const int RequestsPerSecond = 0;

    /// <summary>
    /// The share of each second in which the shared rate budget sends that second's calls (at most
    /// <see cref="CampaignOptions.RequestsPerSecond"/>, evenly spaced from the second's start); a call that could not
    /// be sent by then takes a new slot. The rest of the second is room for a call's way to Campaign, so a call given a
    /// slot in one second is counted by Campaign in that second.
    /// </summary>
    public const double RateBudgetSpread = 0.75;

    /// <summary>Default <see cref="CampaignOptions.ErrorFileIndexBase"/>: the first record is index 1.</summary>
    public const int ErrorFileIndexBase = 1;

    /// <summary>The longest computed backoff between two attempts.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest <c>Retry-After</c> waited for inside one call. A longer one ends the call as
    /// <see cref="CampaignOutcomeKind.Retryable"/> with <see cref="CampaignReply{T}.RetryAfter"/> set, so the
    /// caller reschedules instead of holding a worker (and a lease) for minutes.
    /// </summary>
    public static readonly TimeSpan MaxRetryAfterInCall = TimeSpan.FromSeconds(30);

    /// <summary>Circuit breaker: the failure ratio over <see cref="BreakerSamplingDuration"/> that opens it.</summary>
    public const double BreakerFailureRatio = 0.5;

    /// <summary>Circuit breaker: the fewest calls in a sampling window before it may open.</summary>
    public const int BreakerMinimumThroughput = 20;

    /// <summary>Circuit breaker: the window over which failures are counted.</summary>
    public static readonly TimeSpan BreakerSamplingDuration = TimeSpan.FromSeconds(30);

    /// <summary>Circuit breaker: how long it stays open before letting one probe through.</summary>
    public static readonly TimeSpan BreakerBreakDuration = TimeSpan.FromSeconds(30);

    /// <summary>The largest JSON answer read into memory; API answers are a few hundred bytes.</summary>
    public const int MaxJsonResponseBytes = 1024 * 1024;

    /// <summary>Default <see cref="CampaignOptions.ErrorFileMaxBytes"/>: a full batch of 10,000 failed records is a few MiB.</summary>
    public const long ErrorFileMaxBytes = 64L * 1024 * 1024;

    /// <summary>Default <see cref="CampaignOptions.ErrorFileMaxLines"/>: room for 10,000 records with descriptions over several lines.</summary>
    public const int ErrorFileMaxLines = 200_000;

    /// <summary>Default <see cref="CampaignOptions.ErrorFileReadTimeout"/>.</summary>
    public static readonly TimeSpan ErrorFileReadTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default <see cref="CampaignOptions.ErrorFileTimeout"/>.</summary>
    public static readonly TimeSpan ErrorFileTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The most redirects followed for one error file, each checked by <see cref="ErrorFileUrlRule"/>.</summary>
    public const int ErrorFileMaxRedirects = 3;

    /// <summary>How long a pooled connection lives, so DNS changes are seen by a long-lived typed client.</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(2);

    /// <summary>The most exparam values the API takes (<c>exparam1</c>…<c>exparam10</c>).</summary>
    public const int MaxExparams = 10;

    /// <summary>Default <see cref="CampaignOptions.MetadataRefreshInterval"/>.</summary>
    public static readonly TimeSpan MetadataRefreshInterval = TimeSpan.FromMinutes(10);

    /// <summary>The most profiles one bulk Create/Update call takes (documented).</summary>
    public const int MaxBulkRecords = 100;
}
