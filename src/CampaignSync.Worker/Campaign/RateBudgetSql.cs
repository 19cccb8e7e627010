namespace CampaignSync.Campaign;

/// <summary>
/// The statements of the shared rate budget (<c>campaign_sync.rate_budget</c>, migration 0011); <see cref="PostgresRateBudget"/>
/// is their only caller. Every time is the database's clock_timestamp(), so replicas' clocks never matter.
/// </summary>
internal static class RateBudgetSql
{
    /// <summary>The tenant's row, on first use.</summary>
    public const string Ensure = "insert into campaign_sync.rate_budget (tenant) values (@tenant) on conflict (tenant) do nothing";

    /// <summary>
    /// One slot, in one statement under the row's lock: the first free time t (after the previous slot, now, and any
    /// Retry-After); when t lies past the second's last slot (@last_offset_s after its start) the slot is the next
    /// second's start. So no second holds more than the rate's slots, spaced @spacing_s apart. Returns the seconds to
    /// wait and the seconds until the slot's second has used its @spread_s (the latest a call may start), or nothing
    /// when the tenant has no row yet.
    /// </summary>
    public const string Reserve = """
        with slot as (
            update campaign_sync.rate_budget
            set next_at = (select case when g.t - date_trunc('second', g.t) > make_interval(secs => @last_offset_s)
                                       then date_trunc('second', g.t) + interval '1 second'
                                       else g.t end
                           from (select greatest(next_at, clock_timestamp(), blocked_until) as t) g)
                          + make_interval(secs => @spacing_s)
            where tenant = @tenant
            returning next_at - make_interval(secs => @spacing_s) as at
        )
        select extract(epoch from at - clock_timestamp())::float8 as WaitSeconds,
               extract(epoch from date_trunc('second', at) + make_interval(secs => @spread_s) - clock_timestamp())::float8 as LatestSeconds
        from slot
        """;

    /// <summary>Campaign answered Retry-After: no slot starts before it, on any replica.</summary>
    public const string HoldOff = """
        update campaign_sync.rate_budget
        set blocked_until = greatest(blocked_until, clock_timestamp() + make_interval(secs => @retry_after_s))
        where tenant = @tenant
        """;
}
