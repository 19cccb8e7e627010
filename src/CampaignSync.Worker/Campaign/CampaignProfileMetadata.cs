namespace CampaignSync.Campaign;

/// <summary>One profile as the metadata call lists it: its id, its name and its attributes.</summary>
internal sealed class CampaignProfileMetadata
{
    public string? ProfileId { get; init; }

    public string? ProfileName { get; init; }

    public IReadOnlyList<CampaignAttributeMetadata>? Attributes { get; init; }
}

/// <summary>One attribute of a profile as the metadata call lists it; <see cref="DataType"/> decides which values fit.</summary>
internal sealed class CampaignAttributeMetadata
{
    [System.Text.Json.Serialization.JsonConverter(typeof(JsonStringOrNumberConverter))]
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? DataType { get; init; }

    public string? Group { get; init; }
}
