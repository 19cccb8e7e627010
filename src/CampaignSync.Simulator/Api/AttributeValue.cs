using System.Text.Json.Serialization;

namespace CampaignSync.Simulator.Api;

/// <summary>One <c>{ "attribute-name": ..., "val": ... }</c> entry of a request or an answer.</summary>
internal sealed record AttributeValue(
    [property: JsonPropertyName("attribute-name")] string? AttributeName,
    [property: JsonPropertyName("val")] string? Val);
