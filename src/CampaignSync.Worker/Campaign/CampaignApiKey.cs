namespace CampaignSync.Campaign;

/// <summary>One of the API user's two secret keys. <see cref="ToString"/> never shows the secret.</summary>
/// <param name="Slot">0 for <see cref="CampaignOptions.ApiKey"/>, 1 for <see cref="CampaignOptions.SecondaryApiKey"/>.</param>
internal readonly record struct CampaignApiKey(int Slot, string Secret)
{
    /// <summary>"key 1" or "key 2", as the Campaign console names them.</summary>
    public string Name => Slot == 0 ? "key 1" : "key 2";

    public override string ToString() => Name;
}
