using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Polling;

/// <summary>How submitted requests are polled, and the Hangfire server that runs the polls.</summary>
internal sealed class PollingOptions
{
    public const string SectionName = "Polling";

    /// <summary>The Hangfire queue of status polls.</summary>
    public const string Queue = "campaign-poll";

    /// <summary>Delay from submit to the first poll. The default value is 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan FirstPollDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two polls; the delay doubles per poll up to this. The default value is 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How late a request's poll may be, beyond twice <see cref="MaxPollDelay"/>, before the recovery sweep takes its job
    /// for lost (its process died mid-poll, or the job was purged) and schedules another. A duplicate poll is harmless
    /// (polls are reentrant), so this only trades recovery time against needless polls. The default value is 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LostPollGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a Hangfire distributed lock counts as held. A replica that dies holding one (most often the lock of the
    /// scheduler that moves due polls to the queue) stops every replica's scheduled polls this long; a lock held longer
    /// than this may be taken by a second replica, which at worst runs a poll twice (polls are reentrant). The default
    /// value is 1 minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan DistributedLockTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Hangfire workers in this process (polls are short I/O calls). The default value is 8.</summary>
    [Range(1, 100)]
    public int WorkerCount { get; set; } = 8;

    /// <summary>How often Hangfire moves due scheduled polls to the queue (its default is 15 s). The default value is 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle Hangfire worker looks at its queue (its default is 15 s). The default value is 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="HangfireSchema"/>.</summary>
    public const string DefaultHangfireSchema = "campaign_sync_hangfire";

    /// <summary>
    /// Hangfire's own schema in the same database, installed by <c>migrate</c>. The default value is "campaign_sync_hangfire".
    /// </summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]*$")]
    public string HangfireSchema { get; set; } = DefaultHangfireSchema;

    /// <summary>How far past its due time a poll counts as lost: twice <see cref="MaxPollDelay"/> plus <see cref="LostPollGrace"/>.</summary>
    public TimeSpan LostPollAfter => MaxPollDelay * 2 + LostPollGrace;

    /// <summary>The delay before poll number <paramref name="polls"/> + 1 (exponential, capped).</summary>
    public TimeSpan DelayAfter(int polls)
    {
        var first = Math.Max(FirstPollDelay.TotalMilliseconds, 100);
        return TimeSpan.FromMilliseconds(Math.Min(MaxPollDelay.TotalMilliseconds, first * Math.Pow(2, Math.Min(polls, 20))));
    }
}
