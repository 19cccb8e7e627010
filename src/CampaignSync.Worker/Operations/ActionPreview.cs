namespace CampaignSync.Operations;

/// <summary>What an action would take, counted before anything changes.</summary>
/// <param name="Matching">Failed and dead rows the action would change.</param>
/// <param name="Skipped">
/// Rows the filter selects that a retry leaves alone because a newer change of the same contact was sent or is
/// on its way: sending the older change again would undo the newer one in Campaign.
/// </param>
internal sealed record ActionPreview(long Matching, long Skipped);
