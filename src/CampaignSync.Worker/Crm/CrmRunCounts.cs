namespace CampaignSync.Crm;

/// <summary>The numbers of one run, as the run table keeps them and the CLI prints them.</summary>
internal sealed record CrmRunCounts(
    int SyncedBefore,
    int ContactsRead,
    int ClientsRead,
    int Upserts,
    int Deletes,
    int Unchanged,
    int Skipped,
    int InvalidValues)
{
    public static CrmRunCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);
}
