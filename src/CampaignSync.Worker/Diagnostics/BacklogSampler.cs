using System.Diagnostics.Metrics;
using Dapper;
using Npgsql;

namespace CampaignSync.Diagnostics;

/// <summary>
/// Feeds the backlog gauges. Gauge callbacks run on every scrape, so the query runs at most once per
/// <see cref="RefreshInterval"/> and scrapes in between reuse the last reading. The callbacks are synchronous, so
/// the query is too (a short read on the scrape's thread). When Postgres cannot be read, the last reading stays.
/// </summary>
internal sealed class BacklogSampler(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>The longest a reading is reused.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private BacklogSnapshot _last = BacklogSnapshot.Empty;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    public IEnumerable<Measurement<long>> Backlog()
    {
        var snapshot = Read();
        return
        [
            new(snapshot.Pending, new KeyValuePair<string, object?>("state", "pending")),
            new(snapshot.InFlight, new KeyValuePair<string, object?>("state", "in_flight")),
        ];
    }

    public double OldestPendingAge() => Read().OldestPendingAgeSeconds;

    public long OpenRequests() => Read().OpenRequests;

    public long StalledRequests() => Read().StalledRequests;

    private BacklogSnapshot Read()
    {
        lock (_gate)
        {
            var now = timeProvider.GetUtcNow();
            if (now - _readAt < RefreshInterval)
            {
                return _last;
            }

            _readAt = now;
            try
            {
                using var connection = dataSource.OpenConnection();
                _last = connection.QuerySingle<BacklogSnapshot>(BacklogSql.Sample);
            }
            catch (NpgsqlException)
            {
                // A scrape must not fail because Postgres is briefly away: /readyz reports that; the gauges keep the last reading.
            }

            return _last;
        }
    }
}
