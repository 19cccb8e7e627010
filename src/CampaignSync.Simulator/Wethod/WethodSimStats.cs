using System.Collections.Concurrent;
using System.Globalization;

namespace CampaignSync.Simulator.Wethod;

/// <summary>Request counts of the simulated Wethod API, as "METHOD path-template STATUS" (e.g. <c>GET /api/contacts/{id} 404</c>).</summary>
public sealed class WethodSimStats
{
    private readonly ConcurrentDictionary<string, long> _requests = new(StringComparer.Ordinal);

    /// <summary>How many requests matched <paramref name="method"/>, <paramref name="template"/> and <paramref name="status"/>.</summary>
    public long Count(string method, string template, int status) =>
        _requests.GetValueOrDefault(Key(method, template, status));

    /// <summary>Every counter.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_requests, StringComparer.Ordinal);

    internal void CountRequest(string method, string template, int status) =>
        _requests.AddOrUpdate(Key(method, template, status), 1, static (_, count) => count + 1);

    public void Reset() => _requests.Clear();

    private static string Key(string method, string template, int status) =>
        string.Create(CultureInfo.InvariantCulture, $"{method} {template} {status}");
}
