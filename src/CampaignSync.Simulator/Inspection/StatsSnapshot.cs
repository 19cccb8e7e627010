using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Inspection;

/// <summary>
/// The body of <c>GET /_sim/stats</c>; <c>requests</c> maps "METHOD path-template STATUS" to a count, and
/// <c>calls_per_second</c> and <c>throttled_per_second</c> map a UTC second (Unix time) to the real-API calls that
/// arrived in it, and to those of them answered 429.
/// </summary>
internal sealed record StatsSnapshot(
    [property: JsonPropertyName("overlapping_key_requests")] long OverlappingKeyRequests,
    [property: JsonPropertyName("records_applied")] long RecordsApplied,
    [property: JsonPropertyName("records_failed")] long RecordsFailed,
    [property: JsonPropertyName("throttled")] long Throttled,
    [property: JsonPropertyName("server_errors")] long ServerErrors,
    [property: JsonPropertyName("async_requests_accepted")] long AsyncRequestsAccepted,
    [property: JsonPropertyName("async_requests_completed")] long AsyncRequestsCompleted,
    [property: JsonPropertyName("requests")] SortedDictionary<string, long> Requests,
    [property: JsonPropertyName("calls_per_second")] SortedDictionary<string, long> CallsPerSecond,
    [property: JsonPropertyName("throttled_per_second")] SortedDictionary<string, long> ThrottledPerSecond);
