using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Outbox;

/// <summary>How the worker claims outbox rows and retries them.</summary>
internal sealed class OutboxOptions
{
    public const string SectionName = "Outbox";

    /// <summary>Contacts claimed per round (each with all its pending rows). The default value is 5,000.</summary>
    [Range(1, 100_000)]
    public int ClaimSize { get; set; } = 5_000;

    /// <summary>
    /// Claimed rounds one replica sends at once: the next claim is taken while earlier rounds are still validated,
    /// folded and submitted, so the database's claim and the worker's own work overlap instead of taking turns. Their
    /// contacts never overlap (each round holds its own). The default value is 2.
    /// </summary>
    [Range(1, 16)]
    public int RoundsInFlight { get; set; } = 2;

    /// <summary>
    /// Pending rows of one contact read per claim, oldest first; the rest wait for the contact's next claim, so a writer
    /// that piles up rows for one key cannot exhaust a worker's memory. The default value is 100.
    /// </summary>
    [Range(1, 100_000)]
    public int MaxRowsPerContact { get; set; } = 100;

    /// <summary>
    /// Largest attributes of one row, as JSON text in bytes; a larger row fails (<c>invalid_row</c>) without being read
    /// into the worker. The default value is 65,536.
    /// </summary>
    [Range(1_024, 16_777_216)]
    public int MaxAttributeBytes { get; set; } = 65_536;

    /// <summary>
    /// How long a claim holds its contacts before another replica may take them; it only needs to cover claim → fold →
    /// batch row written. A claim that lapses costs its rows an attempt. The default value is 5 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest time between two claims that scan from the first pending row. In between, claims continue after the last
    /// contact claimed (a keyset), so a row that comes back below it (a retry whose backoff ended, an expired lease, a
    /// deferred row, an operator retry, a late commit) is claimed within this time even while a backlog drains.
    /// The default value is 2 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Fallback poll when no NOTIFY arrives. The default value is 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Sends of one row before a retryable failure makes it dead. The default value is 5.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// Refusals of one row (answers that prove nothing reached Campaign: an open circuit, 430/405/498, a throttled or
    /// refused submit) before it is dead with the refusal's code. They cost no attempt, but every class of refusal must
    /// end. The default value is 50.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxRefusals { get; set; } = 50;

    /// <summary>Backoff before the first retry; it doubles per attempt. The default value is 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest backoff between retries. The default value is 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How often expired leases, lost poll jobs and unanswered submits are recovered. The default value is 10 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(10);
}
