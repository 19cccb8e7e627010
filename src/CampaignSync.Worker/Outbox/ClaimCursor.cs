namespace CampaignSync.Outbox;

/// <summary>
/// Where the next claim's two scans start (keysets): <see cref="LiveAfterId"/> for contacts with a live row,
/// <see cref="AfterId"/> for contacts by their oldest row. Zero scans from the first pending row.
/// </summary>
internal sealed record ClaimCursor(long AfterId, long LiveAfterId)
{
    public static ClaimCursor Start { get; } = new(0, 0);

    /// <summary>
    /// The cursor after a claim that asked for <paramref name="maxContacts"/>: a scan that came back full continues
    /// after its last contact, a short one starts again from the first row. The live scan's contacts are those with a
    /// live row (their first live row); the others came from the oldest-row scan, which did not run when
    /// <paramref name="liveOnly"/>.
    /// </summary>
    public ClaimCursor Next(IReadOnlyList<ClaimedChange> claimed, int maxContacts, bool liveOnly)
    {
        var contacts = claimed.GroupBy(c => (c.ProfileName, c.ProfileKey)).ToList();
        var live = contacts.Select(g => g.Where(c => c.Lane == OutboxLane.Live).Select(c => c.Id).DefaultIfEmpty(0).Min())
            .Where(id => id > 0).ToList();
        var others = contacts.Where(g => g.All(c => c.Lane != OutboxLane.Live)).Select(g => g.Min(c => c.Id)).ToList();
        var liveAfter = live.Count >= maxContacts ? live.Max() : 0;
        if (liveOnly)
        {
            return new ClaimCursor(AfterId, liveAfter);
        }

        var after = contacts.Count >= maxContacts && others.Count > 0 ? others.Max() : 0;
        return new ClaimCursor(after, liveAfter);
    }
}
