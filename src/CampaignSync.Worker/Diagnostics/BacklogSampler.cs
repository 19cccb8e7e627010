using System.Diagnostics.Metrics;
using Dapper;
using Npgsql;

namespace CampaignSync.Diagnostics;

/// <summary>
/// Feeds the backlog gauges. A background loop reads Postgres every <see cref="RefreshInterval"/>; the gauge callbacks,
/// which run on the scrape, only hand out the last reading, so a scrape never waits for the database (a locked or slow
/// table delays the next reading, not the scrape). When Postgres cannot be read, the last reading stays: /readyz
/// reports the database.
/// </summary>
internal sealed class BacklogSampler(NpgsqlDataSource dataSource, TimeProvider timeProvider) : BackgroundService
{
    /// <summary>How often the backlog is read.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private volatile BacklogSnapshot _last = BacklogSnapshot.Empty;

    public IEnumerable<Measurement<long>> Backlog()
    {
        var snapshot = _last;
        return
        [
            new(snapshot.Pending, new KeyValuePair<string, object?>("state", "pending")),
            new(snapshot.InFlight, new KeyValuePair<string, object?>("state", "in_flight")),
        ];
    }

    public long Due() => _last.Due;

    public double OldestPendingAge() => _last.OldestPendingAgeSeconds;

    public long OpenRequests() => _last.OpenRequests;

    public long StalledRequests() => _last.StalledRequests;

    public long Dead() => _last.Dead;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, timeProvider);
        do
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                _last = await connection.QuerySingleAsync<BacklogSnapshot>(new CommandDefinition(BacklogSql.Sample, cancellationToken: stoppingToken));
            }
            catch (NpgsqlException)
            {
                // Postgres away or the read timed out: the gauges keep the last reading until the next one.
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
