using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>The status of a finished async request; <c>error-file</c> only when at least one record failed.</summary>
internal sealed record QueryStatusResponse(
    [property: JsonPropertyName("update-count")] long UpdateCount,
    [property: JsonPropertyName("error-file"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ErrorFile);
