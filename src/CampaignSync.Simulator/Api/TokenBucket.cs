namespace CampaignSync.Simulator.Api;

/// <summary>
/// The tenant's rate limit: a token bucket refilled at <see cref="SimulatorOptions.RequestsPerSecond"/> holding
/// <see cref="SimulatorOptions.Burst"/> tokens. A changed rate starts a full bucket.
/// </summary>
internal sealed class TokenBucket(SimulatorOptions options, TimeProvider timeProvider)
{
    private readonly Lock _lock = new();
    private double _tokens;
    private double _rate;
    private long _lastTimestamp;

    /// <summary>Takes one token; when none is left, false with the whole seconds (at least 1) until one is.</summary>
    public bool TryTake(out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        var rate = options.RequestsPerSecond;
        var capacity = options.Burst > 0 ? options.Burst : Math.Max(1, rate);
        lock (_lock)
        {
            if (rate <= 0)
            {
                _rate = 0;
                return true;
            }

            var now = timeProvider.GetTimestamp();
            // An exact compare on purpose: any change of the configured rate restarts a full bucket.
            _tokens = _rate == rate
                ? Math.Min(capacity, _tokens + (timeProvider.GetElapsedTime(_lastTimestamp, now).TotalSeconds * rate))
                : capacity;
            _rate = rate;
            _lastTimestamp = now;
            if (_tokens >= 1)
            {
                _tokens -= 1;
                return true;
            }

            retryAfterSeconds = Math.Max(1, (int)Math.Ceiling((1 - _tokens) / rate));
            return false;
        }
    }

    public void Reset()
    {
        lock (_lock)
        {
            _rate = 0;
        }
    }
}
