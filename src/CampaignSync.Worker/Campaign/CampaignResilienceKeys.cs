using Polly;

namespace CampaignSync.Campaign;

/// <summary>What the client tells the shared pipeline about the call it runs.</summary>
internal static class CampaignResilienceKeys
{
    /// <summary>
    /// Whether sending the call again is harmless after an answer was lost. True for reads and deletes;
    /// false for the async upsert submit, which may only be resent on an answer that proves it was refused.
    /// </summary>
    public static readonly ResiliencePropertyKey<bool> RepeatSafe = new("campaign.repeat-safe");

    /// <summary>The endpoint of the call, for logs.</summary>
    public static readonly ResiliencePropertyKey<CampaignEndpoint> Endpoint = new("campaign.endpoint");
}
