using System.Collections.Concurrent;
using System.Globalization;

namespace CampaignSync.Simulator.Inspection;

/// <summary>Counters that tests and the benchmark read through <c>GET /_sim/stats</c>.</summary>
internal sealed class SimulatorStats
{
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, long> _callsPerSecond = new();
    private readonly ConcurrentDictionary<long, long> _throttledPerSecond = new();
    private long _overlappingKeyRequests;
    private long _recordsApplied;
    private long _recordsFailed;
    private long _throttled;
    private long _serverErrors;
    private long _asyncRequestsAccepted;
    private long _asyncRequestsCompleted;

    public void CountRequest(string method, string template, int status) =>
        _requests.AddOrUpdate(string.Create(CultureInfo.InvariantCulture, $"{method} {template} {status}"), 1, static (_, count) => count + 1);

    /// <summary>Counts a real-API call in the UTC second (Unix time) it arrived, and whether it was answered 429.</summary>
    public void CountCallAt(long unixSecond, bool throttled)
    {
        _callsPerSecond.AddOrUpdate(unixSecond, 1, static (_, count) => count + 1);
        if (throttled)
        {
            _throttledPerSecond.AddOrUpdate(unixSecond, 1, static (_, count) => count + 1);
        }
    }

    public void CountOverlap() => Interlocked.Increment(ref _overlappingKeyRequests);

    public void CountApplied() => Interlocked.Increment(ref _recordsApplied);

    public void CountFailed() => Interlocked.Increment(ref _recordsFailed);

    public void CountThrottled() => Interlocked.Increment(ref _throttled);

    public void CountServerError() => Interlocked.Increment(ref _serverErrors);

    public void CountAsyncAccepted() => Interlocked.Increment(ref _asyncRequestsAccepted);

    public void CountAsyncCompleted() => Interlocked.Increment(ref _asyncRequestsCompleted);

    public StatsSnapshot Snapshot() => new(
        Interlocked.Read(ref _overlappingKeyRequests),
        Interlocked.Read(ref _recordsApplied),
        Interlocked.Read(ref _recordsFailed),
        Interlocked.Read(ref _throttled),
        Interlocked.Read(ref _serverErrors),
        Interlocked.Read(ref _asyncRequestsAccepted),
        Interlocked.Read(ref _asyncRequestsCompleted),
        new SortedDictionary<string, long>(_requests, StringComparer.Ordinal),
        BySecond(_callsPerSecond),
        BySecond(_throttledPerSecond));

    public void Reset()
    {
        _requests.Clear();
        _callsPerSecond.Clear();
        _throttledPerSecond.Clear();
        Interlocked.Exchange(ref _overlappingKeyRequests, 0);
        Interlocked.Exchange(ref _recordsApplied, 0);
        Interlocked.Exchange(ref _recordsFailed, 0);
        Interlocked.Exchange(ref _throttled, 0);
        Interlocked.Exchange(ref _serverErrors, 0);
        Interlocked.Exchange(ref _asyncRequestsAccepted, 0);
        Interlocked.Exchange(ref _asyncRequestsCompleted, 0);
    }

    private static SortedDictionary<string, long> BySecond(ConcurrentDictionary<long, long> counts) =>
        new(counts.ToDictionary(c => c.Key.ToString(CultureInfo.InvariantCulture), c => c.Value), StringComparer.Ordinal);
}
