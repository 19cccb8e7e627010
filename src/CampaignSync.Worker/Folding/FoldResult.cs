namespace CampaignSync.Folding;

/// <summary>
/// A contact's record for this round, and the rows left for a later round (they follow a delete, or change the
/// upsert or update-link mode) and go back to pending untouched.
/// </summary>
internal sealed record FoldResult(ContactOperation Operation, IReadOnlyList<long> Deferred);
