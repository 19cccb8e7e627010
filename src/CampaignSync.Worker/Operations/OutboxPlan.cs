using CampaignSync.Batching;
using CampaignSync.Campaign;
using CampaignSync.Folding;
using CampaignSync.Outbox;
using Microsoft.Extensions.Options;

namespace CampaignSync.Operations;

/// <summary>
/// <c>plan</c>: the rows the next claims would take (<see cref="OutboxStore.ReadDueAsync"/>, read without claiming),
/// put through the steps of <see cref="Pipeline.SyncWorker"/>'s round (validation, <see cref="ProfileSchemaCheck"/>,
/// <see cref="RoundFolder"/>, <see cref="BatchPlanner.PlanByLane"/> with the configured Batching options) and counted.
/// Reads the outbox and the profile metadata; writes nothing.
/// </summary>
internal sealed class OutboxPlan(
    OutboxStore outbox,
    ProfileSchemaCheck schemaCheck,
    IOptions<BatchingOptions> batchingOptions,
    IOptions<CampaignOptions> campaignOptions)
{
    public const string Scope = "the next round of each due contact (nothing claimed or written): one record per contact; "
        + "a contact's rows after a delete, a change of mode or an attribute the fold would overwrite wait for a later round";

    public async Task<PlanReport> RunAsync(CancellationToken cancellationToken)
    {
        var due = await outbox.ReadDueAsync(cancellationToken);
        var (valid, rejected) = ChangeValidator.Split(due);
        var (fit, unfit) = await schemaCheck.SplitAsync(valid, cancellationToken);
        rejected.AddRange(unfit);
        var contacts = RoundFolder.Contacts(fit);
        var applied = await outbox.LoadAppliedAfterAsync(
            contacts.Select(c => (c[0].ProfileName, c[0].ProfileKey, c[0].Position)).ToList(), cancellationToken);
        var round = RoundFolder.Fold(contacts, applied, campaignOptions.Value.EmptyValues);
        var planned = BatchPlanner.PlanByLane(due, round.Folds.Select(f => f.Operation), batchingOptions.Value);
        var requests = planned
            .GroupBy(b => (b.Lane, b.ProfileName, b.Operation, Modes: b.Operation == ChangeOperation.Upsert ? (b.UpsertMode, b.UpdateLink) : ((short UpsertMode, short UpdateLink)?)null))
            .Select(g => new PlannedRequests(g.Key.Lane, g.Key.ProfileName, OperationName(g.Key.Operation), g.Key.Modes?.UpsertMode, g.Key.Modes?.UpdateLink,
                g.Count(), g.Sum(b => b.Records.Count), g.Sum(b => (long)BatchPlanner.EstimatedBytes(b))))
            .OrderBy(r => r.Lane, StringComparer.Ordinal).ThenBy(r => r.Profile, StringComparer.Ordinal).ThenBy(r => r.Operation, StringComparer.Ordinal)
            .ThenBy(r => r.UpsertMode).ThenBy(r => r.UpdateLink)
            .ToList();
        var profiles = due.ToDictionary(r => r.Id, r => r.ProfileName);
        return new PlanReport(
            Scope,
            due.Select(r => (r.ProfileName, r.ProfileKey)).Distinct().Count(),
            due.Count,
            requests.Sum(r => r.Records),
            round.Folds.Sum(f => f.Operation.RowIds.Count - 1),
            round.Covered.Count,
            round.Folds.Sum(f => f.Deferred.Count),
            requests.Sum(r => r.Requests),
            requests.Sum(r => r.Bytes),
            requests,
            rejected.OrderBy(r => r.Id).Select(r => new PlannedFailure(r.Id, profiles[r.Id], r.Code, r.Reason)).ToList());
    }

    private static string OperationName(ChangeOperation operation) => operation == ChangeOperation.Upsert ? "upsert" : "delete";
}
