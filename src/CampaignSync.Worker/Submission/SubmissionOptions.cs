using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Submission;

/// <summary>How batches are sent to Webex Campaign.</summary>
internal sealed class SubmissionOptions
{
    public const string SectionName = "Submission";

    /// <summary>
    /// Requests that may be open (submitting, submitted or polling) across all replicas before claiming waits.
    /// The default value is 64.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxOpenBatches { get; set; } = 64;

    /// <summary>
    /// The share of <see cref="MaxOpenBatches"/> that requests of the bulk lane (backfills, full resyncs) may hold;
    /// the rest stay free for live rows, so a live change written during a backfill is claimed and sent at once. The
    /// default value is 0.7.
    /// </summary>
    [Range(0.0, 1.0)]
    public double BulkShare { get; set; } = 0.7;

    /// <summary>How many open bulk-lane requests stop bulk claims: the share of the open requests, at least one.</summary>
    public int BulkRequestLimit => Math.Max(1, (int)Math.Floor(MaxOpenBatches * BulkShare));

    /// <summary>Batches sent at once by one replica. The default value is 4.</summary>
    [Range(1, 256)]
    public int MaxConcurrentSubmits { get; set; } = 4;

    /// <summary>Single delete calls run at once within one delete group. The default value is 8.</summary>
    [Range(1, 256)]
    public int DeleteConcurrency { get; set; } = 8;

    /// <summary>
    /// How long a request may take from submit to done. After it a request is expired and its records go back to
    /// pending; a submit that got no answer is resolved the same way. The default value is 30 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RequestDeadline { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long claiming stops after the API says stop (430, 405, 498 on both keys). The default value is 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AlertPause { get; set; } = TimeSpan.FromMinutes(5);
}
