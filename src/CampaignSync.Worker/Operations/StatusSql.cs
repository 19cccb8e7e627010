namespace CampaignSync.Operations;

/// <summary>Read-only SQL for <c>status</c> and the demo's progress; <see cref="StatusStore"/> is its only caller.</summary>
internal static class StatusSql
{
    public const string OutboxByState = """
        select state as Name, count(*) as Count from campaign_sync.outbox
        where id between @first_id and @last_id group by state
        """;

    public const string BatchesByState = """
        select state as Name, count(*) as Count from campaign_sync.batch group by state
        """;

    public const string OldestPendingAgeSeconds = """
        select coalesce(extract(epoch from now() - min(created_at)), 0)::float8
        from campaign_sync.outbox where state = 'pending' and id between @first_id and @last_id
        """;

    public const string FinalByCode = """
        select state as State, coalesce(outcome_code, '') as Code, min(coalesce(outcome_description, '')) as Description, count(*) as Count
        from campaign_sync.outbox
        where id between @first_id and @last_id and state in ('succeeded', 'failed', 'dead', 'superseded')
        group by state, coalesce(outcome_code, '')
        order by count(*) desc
        """;
}
