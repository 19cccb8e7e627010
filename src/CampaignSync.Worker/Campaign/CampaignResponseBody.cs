using System.Text.Json.Serialization;

namespace CampaignSync.Campaign;

/// <summary>
/// Every field any profile call may answer with (kebab-case on the wire). Codes and ids are read as strings
/// whether the API writes them as JSON strings or numbers; counts as numbers either way.
/// </summary>
internal sealed class CampaignResponseBody
{
    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Code { get; init; }

    public string? Description { get; init; }

    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? RequestId { get; init; }

    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? TransactionId { get; init; }

    [JsonConverter(typeof(JsonInt64OrStringConverter))]
    public long? UpdateCount { get; init; }

    public string? ErrorFile { get; init; }

    public string? File { get; init; }

    /// <summary>A profile's attributes (Get contact profile).</summary>
    public IReadOnlyList<CampaignAttributeValue>? Attributes { get; init; }

    /// <summary>One result a record of a bulk call, in request order.</summary>
    public IReadOnlyList<CampaignBulkResult>? Responses { get; init; }

    /// <summary>The profiles of a metadata answer, which is a JSON list rather than an object (read by the client, not bound by name).</summary>
    [JsonIgnore]
    public IReadOnlyList<CampaignProfileMetadata>? Profiles { get; init; }
}
