namespace CampaignSync.Diagnostics;

/// <summary>The backlog gauges' one query; <see cref="BacklogSampler"/> is its only caller.</summary>
internal static class BacklogSql
{
    /// <summary>
    /// Reads only unfinished rows (the partial indexes cover them), open batches, and dead rows through the failures
    /// index of migration 0005 (discarded ones are settled and not counted).
    /// </summary>
    public const string Sample = """
        select count(*) filter (where state = 'pending') as Pending,
               count(*) filter (where state = 'pending' and available_at <= now()) as Due,
               count(*) filter (where state = 'in_flight') as InFlight,
               coalesce(extract(epoch from now() - min(created_at) filter (where state = 'pending')), 0)::float8 as OldestPendingAgeSeconds,
               (select count(*) from campaign_sync.batch where state in ('submitting', 'submitted', 'polling')) as OpenRequests,
               (select count(*) from campaign_sync.batch where stalled_at is not null and state in ('submitted', 'polling')) as StalledRequests,
               (select count(*) from campaign_sync.outbox where state = 'dead' and outcome_code is distinct from 'discarded') as Dead
        from campaign_sync.outbox
        where state in ('pending', 'in_flight')
        """;
}
