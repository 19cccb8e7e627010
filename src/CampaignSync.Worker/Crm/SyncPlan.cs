namespace CampaignSync.Crm;

/// <summary>
/// What one run writes: <paramref name="Changes"/> (deletes first, then upserts, each in contact id order), the
/// snapshot rows to write (<paramref name="Remember"/>) and to remove (<paramref name="Forget"/>), and counts.
/// </summary>
internal sealed record SyncPlan(
    IReadOnlyList<CrmChange> Changes,
    IReadOnlyList<MappedContact> Remember,
    IReadOnlyList<long> Forget,
    int Unchanged,
    int Skipped,
    int InvalidValues)
{
    public int Upserts => Changes.Count(c => c.Operation == "upsert");

    public int Deletes => Changes.Count(c => c.Operation == "delete");
}
