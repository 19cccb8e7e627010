using System.Text.Json.Serialization;

namespace CampaignSync.Campaign;

/// <summary>
/// One entry of a bulk call's <c>responses</c>, in request order (a project decision: the public pages do not give the
/// answer's shape): the record's key, and its <c>update-count</c> when processed or <c>code</c> and <c>description</c>.
/// </summary>
internal sealed class CampaignBulkResult
{
    public string? Key { get; init; }

    [JsonConverter(typeof(JsonInt64OrStringConverter))]
    public long? UpdateCount { get; init; }

    [JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Code { get; init; }

    public string? Description { get; init; }
}
