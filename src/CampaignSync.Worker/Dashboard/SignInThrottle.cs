using Microsoft.Extensions.Options;

namespace CampaignSync.Dashboard;

/// <summary>
/// Failed Basic sign-ins per client address (the address a known proxy forwards): after
/// <see cref="DashboardAccessOptions.FailedSignInLimit"/> wrong credentials within
/// <see cref="DashboardAccessOptions.FailedSignInWindow"/> of the first, the client is refused until that window ends,
/// even with the right credentials: were those accepted, a 200 among the 429s would tell a guesser which guess was
/// right and the throttle would slow nothing. Per process: each replica counts its own clients. At most
/// <see cref="MaxClients"/> clients are tracked; when full, ended windows are dropped first, then the oldest.
/// </summary>
internal sealed class SignInThrottle(IOptions<DashboardAccessOptions> options, TimeProvider time)
{
    public const int MaxClients = 10_000;

    private readonly Dictionary<string, Failures> _clients = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private TimeSpan Window => options.Value.FailedSignInWindow;

    /// <summary>How long <paramref name="client"/> is still refused; null when it may try.</summary>
    public TimeSpan? RefusedFor(string client)
    {
        lock (_gate)
        {
            return _clients.TryGetValue(client, out var failures) && failures.Count >= options.Value.FailedSignInLimit
                ? Remaining(failures)
                : null;
        }
    }

    /// <summary>
    /// Counts a wrong credential; returns the failures in the window and, when this one reached the limit, how long the
    /// client's next requests are refused.
    /// </summary>
    public (int Failures, TimeSpan? RefusedFor) Failed(string client)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (!_clients.TryGetValue(client, out var failures) || Remaining(failures) is null)
            {
                MakeRoom();
                failures = new Failures(now, 0);
            }

            failures = failures with { Count = failures.Count + 1 };
            _clients[client] = failures;
            return (failures.Count, failures.Count == options.Value.FailedSignInLimit ? Remaining(failures) : null);
        }
    }

    /// <summary>A right credential from a client that is not refused clears its failures.</summary>
    public void Succeeded(string client)
    {
        lock (_gate)
        {
            _clients.Remove(client);
        }
    }

    private TimeSpan? Remaining(Failures failures)
    {
        var left = failures.First + Window - time.GetUtcNow();
        return left > TimeSpan.Zero ? left : null;
    }

    private void MakeRoom()
    {
        if (_clients.Count < MaxClients)
        {
            return;
        }

        foreach (var ended in _clients.Where(c => Remaining(c.Value) is null).Select(c => c.Key).ToList())
        {
            _clients.Remove(ended);
        }

        if (_clients.Count >= MaxClients)
        {
            _clients.Remove(_clients.MinBy(c => c.Value.First).Key);
        }
    }

    private sealed record Failures(DateTimeOffset First, int Count);
}
