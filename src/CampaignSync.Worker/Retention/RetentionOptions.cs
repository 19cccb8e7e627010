using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Retention;

/// <summary>
/// How long each kind of record is kept (section <c>Retention</c>), counted from when it became final. The retention
/// job deletes older ones in chunks of <see cref="ChunkSize"/>; a row's outcome history goes with it, and a batch goes
/// once no row or history line refers to it any more.
/// </summary>
internal sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>Succeeded and superseded outbox rows, with their history. The default value is 14 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan FinalRows { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Failed and dead outbox rows (discarded ones too), with their history. The default value is 90 days.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan FailedRows { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// The record of operator retries, discards and abandons. The default value is 365 days; at least 30 days, the
    /// least the database keeps an action (migration 0017's delete_old_operator_actions refuses a younger limit).
    /// </summary>
    [Range(typeof(TimeSpan), "30.00:00:00", "3650.00:00:00")]
    public TimeSpan OperatorActions { get; set; } = TimeSpan.FromDays(365);

    /// <summary>
    /// Finished CRM sync runs (with their counts and failure). A run stays while the CRM snapshot still names it as the
    /// run that last synced a contact, or a kept run confirms it. The default value is 90 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan CrmRuns { get; set; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Hangfire jobs that ended <c>Failed</c> (Hangfire keeps them for ever; succeeded ones it deletes after a day).
    /// The default value is 30 days.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00")]
    public TimeSpan HangfireFailedJobs { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Records deleted per statement: each statement is its own short transaction, so no lock is held for long.
    /// The default value is 1,000.
    /// </summary>
    [Range(10, 100_000)]
    public int ChunkSize { get; set; } = 1_000;
}
