using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CampaignSync.Benchmark;

/// <summary>What the simulator counted (<c>GET /_sim/stats</c>): every real-API call, by kind.</summary>
/// <param name="Calls">Every real-API call, whatever its answer (429s included).</param>
/// <param name="StatusPolls">Calls to the status API.</param>
/// <param name="ErrorFiles">Error files served (downloads answered 200).</param>
/// <param name="RecordsProcessed">Records of async requests the simulator applied or failed.</param>
internal sealed record SimulatorCounts(long Calls, long StatusPolls, long ErrorFiles, long AsyncAccepted, long Throttled, long RecordsProcessed)
{
    public static async Task<SimulatorCounts> ReadAsync(HttpClient simulator, CancellationToken cancellationToken)
    {
        var stats = await simulator.GetFromJsonAsync<JsonObject>("/_sim/stats", cancellationToken)
            ?? throw new InvalidOperationException("The simulator answered /_sim/stats with nothing.");
        var requests = stats["requests"]!.AsObject();
        return new SimulatorCounts(
            requests.Sum(r => r.Value!.GetValue<long>()),
            requests.Where(r => r.Key.Contains("profilequerystatus", StringComparison.Ordinal)).Sum(r => r.Value!.GetValue<long>()),
            requests.Where(r => r.Key.Contains("errors.csv", StringComparison.Ordinal) && r.Key.EndsWith(" 200", StringComparison.Ordinal)).Sum(r => r.Value!.GetValue<long>()),
            stats["async_requests_accepted"]!.GetValue<long>(),
            stats["throttled"]!.GetValue<long>(),
            stats["records_applied"]!.GetValue<long>() + stats["records_failed"]!.GetValue<long>());
    }

    public static async Task ResetAsync(HttpClient simulator, CancellationToken cancellationToken)
    {
        using var response = await simulator.PostAsync(new Uri("/_sim/reset", UriKind.Relative), null, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
