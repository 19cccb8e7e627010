namespace CampaignSync.Hosting.Dashboard;

/// <summary>Failed and dead rows that share an outcome code and description ("" when there is none).</summary>
internal sealed record FailureGroup(string Code, string Description, long Failed, long Dead, DateTime? FirstAt, DateTime? LastAt)
{
    public long Total => Failed + Dead;
}
