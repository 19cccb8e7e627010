namespace CampaignSync.Folding;

/// <summary>
/// The values of upserts Campaign applied after a late delete of the same contact, to be applied again once the delete
/// is done. Written as a new outbox row (source <see cref="Source"/>) that folds at <see cref="Position"/>: beneath
/// any newer row of the contact, as the rows it replays would have. It carries the exparams of the delete it follows.
/// </summary>
internal sealed record ReplayRow(
    IReadOnlyDictionary<string, string?> Attributes,
    long Position,
    short UpdateLink)
{
    /// <summary>The outbox <c>source</c> of replay rows.</summary>
    public const string Source = "campaign-sync:replay";
}
