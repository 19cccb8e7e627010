namespace CampaignSync.Dashboard;

/// <summary>Failed and dead rows that share an outcome code and description ("" when there is none).</summary>
/// <param name="RowId">The group's newest row, which names the group in links.</param>
internal sealed record FailureGroup(string Code, string Description, long RowId, long Failed, long Dead, DateTime? FirstAt, DateTime? LastAt)
{
    public long Total => Failed + Dead;
}
