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

    /// <summary>Hangfire workers in this process (polls are short I/O calls). The default value is 8.</summary>
    [Range(1, 100)]
    public int WorkerCount { get; set; } = 8;

    /// <summary>How often Hangfire moves due scheduled polls to the queue (its default is 15 s). The default value is 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan SchedulePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle Hangfire worker looks at its queue (its default is 15 s). The default value is 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan QueuePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Hangfire's own schema in the same database. The default value is "campaign_sync_hangfire".</summary>
    [Required]
    [RegularExpression("^[a-z_][a-z0-9_]*$")]
    public string HangfireSchema { get; set; } = "campaign_sync_hangfire";

    /// <summary>The delay before poll number <paramref name="polls"/> + 1 (exponential, capped).</summary>
    public TimeSpan DelayAfter(int polls)
    {
        var first = Math.Max(FirstPollDelay.TotalMilliseconds, 100);
        return TimeSpan.FromMilliseconds(Math.Min(MaxPollDelay.TotalMilliseconds, first * Math.Pow(2, Math.Min(polls, 20))));
    }
}
