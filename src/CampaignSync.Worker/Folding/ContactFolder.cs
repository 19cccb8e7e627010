using CampaignSync.Campaign;
using CampaignSync.Outbox;

namespace CampaignSync.Folding;

/// <summary>
/// Folds one contact's rows, in insertion order, into one record that Campaign applies exactly as it would apply the
/// rows sent one by one, and that gives each row the outcome it would get alone. So every value of every row in a
/// fold reaches Campaign: the fold joins rows only while each adds attributes, or repeats values, the fold holds, and
/// stops
/// <list type="bullet">
/// <item>at a row that would overwrite a value the fold holds with another one (the older value would never reach
/// Campaign, so its rejection, or the linked profile that update-link 2 would create for it, would be lost);</item>
/// <item>at a delete after an upsert, and at an upsert after a delete (each must reach Campaign on its own);</item>
/// <item>at a change of upsert or update-link mode;</item>
/// <item>around a create-only (mode 0) upsert: sent alone, the first one creates and every later one is skipped, so
/// each is a record of its own;</item>
/// <item>around a row unfolded from a refused record (<see cref="ValidChange.SendAlone"/>).</item>
/// </list>
/// Consecutive deletes fold (a second delete of a profile already gone succeeds). Update-only (mode 2) rows fold like
/// create-or-update rows: Campaign applies all of them or, when the profile is missing, none. With
/// <see cref="EmptyValues.Ignore"/> an empty or null value is dropped (Campaign would leave the attribute alone), so it
/// never overwrites an earlier value; with <see cref="EmptyValues.Clear"/> it is a value like any other. A refused
/// record of several rows is unfolded by the write-back. Rows left over wait for the next round, which keeps
/// per-contact order. Pure: no I/O.
/// </summary>
internal static class ContactFolder
{
    /// <summary>
    /// Folds the rows of one contact; <paramref name="rows"/> must be non-empty and in id order.
    /// <paramref name="emptyValues"/> is <c>Campaign:EmptyValues</c>.
    /// </summary>
    public static FoldResult Fold(IReadOnlyList<ValidChange> rows, EmptyValues emptyValues)
    {
        ArgumentOutOfRangeException.ThrowIfZero(rows.Count);
        var first = rows[0];
        var attributes = new Dictionary<string, string?>(Sent(first, emptyValues), StringComparer.Ordinal);
        var last = first;
        var taken = 1;

        for (; taken < rows.Count && !StandsAlone(first); taken++)
        {
            var row = rows[taken];
            if (StandsAlone(row))
            {
                break;
            }

            if (row.Operation != first.Operation
                || row.UpsertMode != last.UpsertMode || row.UpdateLink != last.UpdateLink
                || Overwrites(attributes, row, emptyValues))
            {
                break;
            }

            foreach (var (name, value) in Sent(row, emptyValues))
            {
                attributes[name] = value;
            }

            last = row;
        }

        var record = new ContactOperation(first.ProfileName, first.ProfileKey, first.Operation,
            last.UpsertMode, last.UpdateLink, last.Exparams, attributes,
            rows.Take(taken).Select(r => r.Id).ToList());
        return new FoldResult(record, rows.Skip(taken).Select(r => r.Id).ToList());
    }

    // The values of a row that change something in Campaign: with Ignore, empty and null values do not.
    private static IEnumerable<KeyValuePair<string, string?>> Sent(ValidChange row, EmptyValues emptyValues) =>
        emptyValues == EmptyValues.Ignore ? row.Attributes.Where(a => !string.IsNullOrEmpty(a.Value)) : row.Attributes;

    // Whether the row would replace a value the fold holds with another (empty and null are the same empty cell).
    private static bool Overwrites(Dictionary<string, string?> folded, ValidChange row, EmptyValues emptyValues) =>
        Sent(row, emptyValues).Any(a => folded.TryGetValue(a.Key, out var held) && !string.Equals(held ?? "", a.Value ?? "", StringComparison.Ordinal));

    private static bool StandsAlone(ValidChange row) =>
        row.SendAlone || (row.Operation == ChangeOperation.Upsert && row.UpsertMode == 0);
}
