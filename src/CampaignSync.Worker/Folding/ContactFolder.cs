using CampaignSync.Outbox;

namespace CampaignSync.Folding;

/// <summary>
/// Folds one contact's rows, in insertion order, into one record: later attribute values win, a delete beats
/// the upserts before it. The fold stops where one record could not say the same thing as the rows in sequence:
/// at an upsert after a delete (the delete must reach Campaign first, or old attributes would survive the
/// "recreate") and at a change of upsert or update-link mode. Those rows wait for the next round, which keeps
/// per-contact order. Pure: no I/O.
/// </summary>
internal static class ContactFolder
{
    /// <summary>Folds the rows of one contact; <paramref name="rows"/> must be non-empty and in id order.</summary>
    public static FoldResult Fold(IReadOnlyList<ValidChange> rows)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var first = rows[0];
        var operation = first.Operation;
        var attributes = new Dictionary<string, string?>(first.Attributes, StringComparer.Ordinal);
        var last = first;
        var taken = 1;

        for (; taken < rows.Count; taken++)
        {
            var row = rows[taken];
            if (row.Operation == ChangeOperation.Delete)
            {
                operation = ChangeOperation.Delete;
                attributes.Clear();
            }
            else if (operation == ChangeOperation.Delete
                || row.UpsertMode != last.UpsertMode || row.UpdateLink != last.UpdateLink)
            {
                break;
            }
            else
            {
                foreach (var (name, value) in row.Attributes)
                {
                    attributes[name] = value;
                }
            }

            last = row;
        }

        var record = new ContactOperation(first.ProfileName, first.ProfileKey, operation,
            last.UpsertMode, last.UpdateLink, last.Exparams, attributes,
            rows.Take(taken).Select(r => r.Id).ToList());
        return new FoldResult(record, rows.Skip(taken).Select(r => r.Id).ToList());
    }
}
