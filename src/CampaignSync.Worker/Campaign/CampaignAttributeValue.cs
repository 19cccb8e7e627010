namespace CampaignSync.Campaign;

/// <summary>One <c>{ "attribute-name": ..., "val": ... }</c> entry of a Get contact profile answer.</summary>
internal sealed class CampaignAttributeValue
{
    public string? AttributeName { get; init; }

    public string? Val { get; init; }
}
