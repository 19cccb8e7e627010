namespace CampaignSync.Campaign;

/// <summary>A slot of the shared rate budget, both times counted from when the database gave it.</summary>
/// <param name="Wait">How long to wait before sending (zero or less: send now).</param>
/// <param name="Latest">The latest a call may start in this slot; one that could not is sent in a new slot.</param>
internal sealed record RateSlot(TimeSpan Wait, TimeSpan Latest);
