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
