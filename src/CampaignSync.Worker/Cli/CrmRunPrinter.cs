using System.Globalization;
using CampaignSync.Crm;

namespace CampaignSync.Cli;

/// <summary>Prints a CRM sync run for <c>crm-sync</c> and <c>demo --crm</c>: numbers and contact ids, never keys or values.</summary>
internal static class CrmRunPrinter
{
    /// <summary>How many rows a dry run lists before it only counts.</summary>
    public const int MaxListedChanges = 100;

    public static void Print(CrmRunResult result, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var c = result.Counts;
        var title = result.RunId is { } id ? $"CRM sync run {id}" : "CRM sync";
        output.WriteLine(Invariant($"{title}: {Describe(result.Outcome)}{(result.Detail is null ? "" : $": {result.Detail}")}"));
        if (result.Outcome is CrmRunOutcome.Busy or CrmRunOutcome.NotConfirmable or CrmRunOutcome.ReadFailed)
        {
            return;
        }

        var reasons = result.Changes.GroupBy(ch => ch.Reason).ToDictionary(g => g.Key, g => g.Count());
        output.WriteLine(Invariant($"  CRM read   {c.ContactsRead:N0} contacts, {c.ClientsRead:N0} clients ({c.SyncedBefore:N0} contacts synced before)"));
        output.WriteLine(Invariant(
            $"  {(result.Outcome == CrmRunOutcome.Succeeded ? "outbox    " : "would write")} {c.Upserts:N0} upserts ({reasons.GetValueOrDefault(ChangeReason.New):N0} new, {reasons.GetValueOrDefault(ChangeReason.Changed):N0} changed, {reasons.GetValueOrDefault(ChangeReason.Resync):N0} resent), {c.Deletes:N0} deletes ({reasons.GetValueOrDefault(ChangeReason.Gone):N0} gone, {reasons.GetValueOrDefault(ChangeReason.Rekeyed):N0} old keys)"));
        output.WriteLine(Invariant($"  unchanged  {c.Unchanged:N0} · skipped (no usable or a shared key) {c.Skipped:N0} · values that failed normalisation {c.InvalidValues:N0}"));
        if (result.Written.FirstId is { } first)
        {
            output.WriteLine(Invariant($"  outbox ids {first}–{result.Written.LastId}"));
        }

        if (result.Outcome == CrmRunOutcome.DryRun)
        {
            foreach (var change in result.Changes.Take(MaxListedChanges))
            {
                output.WriteLine(Invariant($"  {change.Operation,-6} contact {change.ContactId} ({change.Reason.ToString().ToLowerInvariant()})"));
            }

            if (result.Changes.Count > MaxListedChanges)
            {
                output.WriteLine(Invariant($"  … and {result.Changes.Count - MaxListedChanges:N0} more"));
            }
        }
    }

    private static string Describe(CrmRunOutcome outcome) => outcome switch
    {
        CrmRunOutcome.Succeeded => "succeeded",
        CrmRunOutcome.DryRun => "dry run, nothing written",
        CrmRunOutcome.Busy => "not started",
        CrmRunOutcome.ReadFailed => "failed, nothing written",
        CrmRunOutcome.Braked => "stopped at the delete brake, nothing written",
        _ => "not confirmable",
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
