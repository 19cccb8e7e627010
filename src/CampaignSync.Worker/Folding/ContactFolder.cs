using CampaignSync.Campaign;
using CampaignSync.Outbox;

namespace CampaignSync.Folding;

/// <summary>
/// Folds one contact's rows, in insertion order, into one record that Campaign applies exactly as it would apply
/// the rows sent one by one: later attribute values win, a delete beats the upserts before it. The fold stops where
/// one record could not say the same thing as the rows in sequence:
/// <list type="bullet">
/// <item>at an upsert after a delete (the delete must reach Campaign first, or old attributes would survive the
/// "recreate");</item>
/// <item>at a change of upsert or update-link mode;</item>
/// <item>around a create-only (mode 0) upsert: sent alone, the first one creates and every later one is skipped, so
/// each is a record of its own;</item>
/// <item>around a row unfolded from a refused record (<see cref="ValidChange.SendAlone"/>);</item>
/// <item>with update-link 2 or 3, at a row that changes a link attribute the fold already holds a value of (each
/// value sent alone would create or check its own linked profile).</item>
/// </list>
/// With <see cref="EmptyValues.Ignore"/> an empty or null value is dropped (Campaign would leave the attribute alone),
/// so it never overwrites an earlier value; with <see cref="EmptyValues.Clear"/> it overwrites like any value.
/// Update-only (mode 2) rows fold like create-or-update rows: Campaign applies all of them or, when the profile is
/// missing, none. Rows left over wait for the next round, which keeps per-contact order. Pure: no I/O.
/// </summary>
internal static class ContactFolder
{
    /// <summary>Folds the rows of one contact; <paramref name="rows"/> must be non-empty and in id order.</summary>
    public static FoldResult Fold(IReadOnlyList<ValidChange> rows, FoldRules rules)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var first = rows[0];
        var operation = first.Operation;
        var attributes = new Dictionary<string, string?>(Sent(first, rules), StringComparer.Ordinal);
        var last = first;
        var taken = 1;

        for (; taken < rows.Count && !StandsAlone(first); taken++)
        {
            var row = rows[taken];
            if (StandsAlone(row))
            {
                break;
            }

            if (row.Operation == ChangeOperation.Delete)
            {
                operation = ChangeOperation.Delete;
                attributes.Clear();
            }
            else if (operation == ChangeOperation.Delete
                || row.UpsertMode != last.UpsertMode || row.UpdateLink != last.UpdateLink
                || ChangesLink(attributes, row, rules))
            {
                break;
            }
            else
            {
                foreach (var (name, value) in Sent(row, rules))
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

    // The values of a row that change something in Campaign: with Ignore, empty and null values do not.
    private static IEnumerable<KeyValuePair<string, string?>> Sent(ValidChange row, FoldRules rules) =>
        rules.EmptyValues == EmptyValues.Ignore ? row.Attributes.Where(a => !string.IsNullOrEmpty(a.Value)) : row.Attributes;

    // Update-link 2 creates, and 3 checks, the linked profile named by every link value sent: a fold that replaced one
    // link value with another would skip the first one's create or check.
    private static bool ChangesLink(Dictionary<string, string?> folded, ValidChange row, FoldRules rules) =>
        row.UpdateLink != 1 && Sent(row, rules).Any(a => rules.LinkAttributes.Contains(a.Key)
            && folded.TryGetValue(a.Key, out var held) && !string.IsNullOrEmpty(held) && !string.Equals(held, a.Value, StringComparison.Ordinal));

    private static bool StandsAlone(ValidChange row) =>
        row.SendAlone || (row.Operation == ChangeOperation.Upsert && row.UpsertMode == 0);
}
