using CampaignSync.Campaign;
using CampaignSync.Outbox;

namespace CampaignSync.Folding;

/// <summary>
/// One claim round's fold: the rows that passed the checks, grouped per contact in fold order, folded beneath what
/// Campaign already applied after them (<see cref="LateRowFolder"/>) and then together (<see cref="ContactFolder"/>).
/// The worker sends what it answers; <c>plan</c> prints it. Pure: no I/O.
/// </summary>
internal static class RoundFolder
{
    /// <summary>The contacts of <paramref name="fit"/>, each as its rows in fold order.</summary>
    public static List<List<ValidChange>> Contacts(IEnumerable<ValidChange> fit) =>
        fit.GroupBy(v => (v.ProfileName, v.ProfileKey)).Select(g => g.OrderBy(v => v.Position).ToList()).ToList();

    /// <param name="contacts">From <see cref="Contacts"/>.</param>
    /// <param name="applied">Each contact's applied rows after its first row (<see cref="OutboxStore.LoadAppliedAfterAsync"/>).</param>
    /// <param name="emptyValues">Campaign:EmptyValues.</param>
    public static RoundFold Fold(List<List<ValidChange>> contacts, IReadOnlyList<AppliedChange> applied, EmptyValues emptyValues)
    {
        var appliedByContact = applied.ToLookup(a => (a.ProfileName, a.ProfileKey));
        var folds = new List<FoldResult>(contacts.Count);
        var covered = new List<RejectedChange>();
        var late = 0;
        var replays = 0;
        foreach (var rows in contacts)
        {
            var newer = appliedByContact[(rows[0].ProfileName, rows[0].ProfileKey)].ToList();
            var beneath = LateRowFolder.Beneath(rows, newer);
            covered.AddRange(beneath.Covered);
            late += newer.Count == 0 ? 0 : rows.Count(r => r.Position < newer[^1].Id);
            if (beneath.Rows.Count == 0)
            {
                continue;
            }

            var fold = ContactFolder.Fold(beneath.Rows, emptyValues);
            var record = LateRowFolder.WithReplay(fold.Operation, beneath.Rows, beneath);
            replays += record.Replay is null ? 0 : 1;
            folds.Add(fold with { Operation = record });
        }

        return new RoundFold(folds, covered, late, replays);
    }
}

/// <summary>What <see cref="RoundFolder.Fold"/> made of a round's contacts.</summary>
/// <param name="Folds">One record per contact that sends one, with the rows left for a later round.</param>
/// <param name="Covered">Late rows that newer applied rows cover entirely: superseded, not sent.</param>
/// <param name="Late">Rows that committed late (below an applied row of their contact).</param>
/// <param name="Replays">Late deletes sent with a replay of what newer rows set.</param>
internal sealed record RoundFold(IReadOnlyList<FoldResult> Folds, IReadOnlyList<RejectedChange> Covered, int Late, int Replays);
