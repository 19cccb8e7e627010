using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>
/// The outcome of one bulk entry. The public pages do not give the bulk answer's shape; this is the simulator's
/// decision: <c>update-count</c> when the entry was processed, <c>code</c> and <c>description</c> when it failed.
/// </summary>
internal sealed record BulkEntryResult(
    [property: JsonPropertyName("key")] string? Key,
    [property: JsonPropertyName("update-count"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? UpdateCount,
    [property: JsonPropertyName("code"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Code,
    [property: JsonPropertyName("description"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Description);
