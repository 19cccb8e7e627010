using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Campaign;

/// <summary>
/// One rate budget per Campaign tenant (its base URL), shared by every replica through one row of
/// <c>campaign_sync.rate_budget</c>: <see cref="CampaignOptions.RequestsPerSecond"/> is the tenant's rate, whatever
/// the number of replicas. Each call takes the next slot with one UPDATE (<see cref="RateBudgetSql.Reserve"/>); a
/// Retry-After any replica hears moves every replica's next slot past it.
/// </summary>
internal sealed class PostgresRateBudget(NpgsqlDataSource dataSource, IOptions<CampaignOptions> options) : ICampaignRateBudget
{
    private readonly string _tenant = options.Value.BaseUrl!.TrimEnd('/');
    private readonly double _spacingSeconds = CampaignDefaults.RateBudgetSpread / options.Value.RequestsPerSecond;
    private readonly double _lastOffsetSeconds = CampaignDefaults.RateBudgetSpread * (options.Value.RequestsPerSecond - 1) / options.Value.RequestsPerSecond;

    public async Task<RateSlot> ReserveAsync(CancellationToken cancellationToken)
    {
        var parameters = new { tenant = _tenant, spacing_s = _spacingSeconds, last_offset_s = _lastOffsetSeconds, spread_s = CampaignDefaults.RateBudgetSpread };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var reserve = new CommandDefinition(RateBudgetSql.Reserve, parameters, cancellationToken: cancellationToken);
        var slot = await connection.QuerySingleOrDefaultAsync<(double WaitSeconds, double LatestSeconds)?>(reserve);
        if (slot is null)
        {
            await connection.ExecuteAsync(new CommandDefinition(RateBudgetSql.Ensure, parameters, cancellationToken: cancellationToken));
            slot = await connection.QuerySingleAsync<(double WaitSeconds, double LatestSeconds)>(reserve);
        }

        return new RateSlot(TimeSpan.FromSeconds(slot.Value.WaitSeconds), TimeSpan.FromSeconds(slot.Value.LatestSeconds));
    }

    public async Task HoldOffAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(RateBudgetSql.HoldOff,
            new { tenant = _tenant, retry_after_s = retryAfter.TotalSeconds }, cancellationToken: cancellationToken));
    }
}
