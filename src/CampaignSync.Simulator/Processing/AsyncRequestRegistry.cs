using CampaignSync.Simulator.Inspection;

namespace CampaignSync.Simulator.Processing;

/// <summary>
/// Every accepted async request and its result, and the profile keys of the unfinished ones. The latter feed
/// <c>overlapping_key_requests</c>: a client must never have two writes for one contact in flight (async requests
/// and writes answered at once alike), since the order in which the real service applies them is not promised.
/// </summary>
internal sealed class AsyncRequestRegistry(SimulatorStats stats)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, AsyncRequest> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AsyncResult> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Profile, string Key), int> _pendingKeys = [];

    public void Accept(AsyncRequest request)
    {
        lock (_lock)
        {
            TakeKeys(request.Profile.Name, request.Records.Select(r => r.Key));
            _requests[request.Id] = request;
        }

        stats.CountAsyncAccepted();
    }

    /// <summary>
    /// A write answered at once (a delete, a bulk or a single upsert): its keys are in flight for
    /// <paramref name="duration"/>, then <paramref name="apply"/> runs and they are released. Counts one overlap when an
    /// unfinished async request or another such call touches one of the keys, and makes an async request accepted
    /// meanwhile count one. The wait ignores the client: a service applies a call its client stopped waiting for.
    /// </summary>
    public async Task<T> WriteAsync<T>(string profileName, IReadOnlyCollection<string> keys, TimeSpan duration, Func<T> apply)
    {
        lock (_lock)
        {
            TakeKeys(profileName, keys);
        }

        try
        {
            if (duration > TimeSpan.Zero)
            {
                await Task.Delay(duration, CancellationToken.None);
            }

            return apply();
        }
        finally
        {
            lock (_lock)
            {
                foreach (var key in keys)
                {
                    Release((profileName, key));
                }
            }
        }
    }

    /// <summary>False when the request was dropped by a reset: it must not be applied.</summary>
    public bool IsCurrent(AsyncRequest request)
    {
        lock (_lock)
        {
            return _requests.TryGetValue(request.Id, out var current) && ReferenceEquals(current, request);
        }
    }

    public void Complete(AsyncRequest request, AsyncResult result)
    {
        lock (_lock)
        {
            if (!_requests.TryGetValue(request.Id, out var current) || !ReferenceEquals(current, request))
            {
                return;
            }

            _results[request.Id] = result;
            foreach (var record in request.Records)
            {
                Release((request.Profile.Name, record.Key));
            }
        }

        stats.CountAsyncCompleted();
    }

    // Under _lock: marks the keys in flight, counting one overlap when any already was.
    private void TakeKeys(string profileName, IEnumerable<string> keys)
    {
        var overlaps = false;
        foreach (var key in keys)
        {
            var pendingKey = (profileName, key);
            _pendingKeys.TryGetValue(pendingKey, out var count);
            overlaps |= count > 0;
            _pendingKeys[pendingKey] = count + 1;
        }

        if (overlaps)
        {
            stats.CountOverlap();
        }
    }

    // Under _lock.
    private void Release((string Profile, string Key) pendingKey)
    {
        if (_pendingKeys.TryGetValue(pendingKey, out var count) && count > 1)
        {
            _pendingKeys[pendingKey] = count - 1;
        }
        else
        {
            _pendingKeys.Remove(pendingKey);
        }
    }

    /// <summary>The result of a finished request; null while it is processing or when the id is unknown.</summary>
    public AsyncResult? FindResult(string requestId)
    {
        lock (_lock)
        {
            return _results.GetValueOrDefault(requestId);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
            _results.Clear();
            _pendingKeys.Clear();
        }
    }
}
