namespace CampaignSync.Crm;

/// <summary>What a run did (or, for a dry run, would do): its outcome, numbers, rows and the outbox ids it wrote.</summary>
internal sealed record CrmRunResult(
    CrmRunOutcome Outcome,
    long? RunId,
    CrmRunCounts Counts,
    string? Detail,
    IReadOnlyList<CrmChange> Changes,
    OutboxRange Written)
{
    public static CrmRunResult NotStarted(CrmRunOutcome outcome, string detail) =>
        new(outcome, null, CrmRunCounts.None, detail, [], new OutboxRange(null, null));
}
