using CampaignSync.Outbox;

namespace CampaignSync.Folding;

/// <summary>
/// Folds a contact's late rows beneath the rows Campaign already applied. A writer's transaction may take an id early
/// and commit late, after newer rows of the same contact were sent; sent alone in id order the late row would have
/// come first and the newer rows would have overwritten it. So, for each claimed row below an applied row:
/// <list type="bullet">
/// <item>a newer applied delete covers it entirely: it is superseded and not sent;</item>
/// <item>an upsert loses the attributes newer applied upserts set, and is superseded when none is left;</item>
/// <item>a delete is sent, followed by a <see cref="ReplayRow"/> that puts back what the newer upserts set.</item>
/// </list>
/// Pure: no I/O.
/// </summary>
internal static class LateRowFolder
{
    /// <summary>The code of a late row that newer applied rows cover entirely.</summary>
    public const string LateOverwrittenCode = "late_overwritten";

    /// <param name="rows">The contact's claimed rows, in fold order.</param>
    /// <param name="applied">The contact's applied rows after the first of <paramref name="rows"/>, in fold order.</param>
    public static LateFold Beneath(IReadOnlyList<ValidChange> rows, IReadOnlyList<AppliedChange> applied)
    {
        if (applied.Count == 0)
        {
            return new LateFold(rows, [], new Dictionary<long, ReplayRow>());
        }

        var kept = new List<ValidChange>(rows.Count);
        var covered = new List<RejectedChange>();
        var replays = new Dictionary<long, ReplayRow>();
        foreach (var row in rows)
        {
            var newer = applied.Where(a => a.Id > row.Position).ToList();
            if (newer.Count == 0)
            {
                kept.Add(row);
                continue;
            }

            var newerDelete = newer.LastOrDefault(a => a.Operation == "delete");
            if (newerDelete is not null)
            {
                covered.Add(new RejectedChange(row.Id, LateOverwrittenCode,
                    $"committed after row {newerDelete.Id} of this contact, a delete, was applied; in id order that delete undoes it"));
                continue;
            }

            var newerValues = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var upsert in newer)
            {
                foreach (var (name, value) in ChangeValidator.ReadAttributes(upsert.AttributesJson))
                {
                    newerValues[name] = value;
                }
            }

            if (row.Operation == ChangeOperation.Delete)
            {
                kept.Add(row);
                var last = newer[^1];
                replays[row.Id] = new ReplayRow(newerValues, last.Id, last.UpdateLink);
                continue;
            }

            var remaining = row.Attributes.Where(a => !newerValues.ContainsKey(a.Key)).ToDictionary(StringComparer.Ordinal);
            if (remaining.Count == 0)
            {
                covered.Add(new RejectedChange(row.Id, LateOverwrittenCode,
                    $"committed after newer rows of this contact were applied (up to row {newer[^1].Id}); they set every attribute it sets"));
            }
            else
            {
                kept.Add(row with { Attributes = remaining });
            }
        }

        return new LateFold(kept, covered, replays);
    }

    /// <summary>
    /// The record of a fold, with the replay its late delete needs: only when the fold sends that delete and nothing in
    /// the fold comes after the rows the replay puts back.
    /// </summary>
    public static ContactOperation WithReplay(ContactOperation record, IReadOnlyList<ValidChange> rows, LateFold late)
    {
        var positions = rows.ToDictionary(r => r.Id, r => r.Position);
        var delete = record.RowIds.LastOrDefault(late.Replays.ContainsKey);
        if (delete == 0)
        {
            return record;
        }

        var replay = late.Replays[delete];
        return record.RowIds.Max(id => positions[id]) < replay.Position ? record with { Replay = replay } : record;
    }
}

/// <summary>What <see cref="LateRowFolder.Beneath"/> made of a contact's claimed rows.</summary>
/// <param name="Rows">The rows to fold, late upserts stripped of what newer applied rows set.</param>
/// <param name="Covered">Late rows that are not sent, with their reason.</param>
/// <param name="Replays">By the id of a late delete: what to put back after it.</param>
internal sealed record LateFold(IReadOnlyList<ValidChange> Rows, IReadOnlyList<RejectedChange> Covered, IReadOnlyDictionary<long, ReplayRow> Replays);
