using System.Text;
using CampaignSync.Folding;
using CampaignSync.Outbox;

namespace CampaignSync.Batching;

/// <summary>
/// Groups folded records by (profile, operation, upsert mode, update-link mode, exparams, attribute-name set) and
/// cuts each group at <see cref="BatchingOptions.MaxRecords"/> records or <see cref="BatchingOptions.MaxBytes"/>
/// bytes. Records of one request share their attribute names because an empty CSV cell would overwrite a value.
/// Pure: no I/O; the order of records inside a group follows the input.
/// </summary>
internal static class BatchPlanner
{
    public static IReadOnlyList<PlannedBatch> Plan(IEnumerable<ContactOperation> records, BatchingOptions options)
    {
        var groups = new Dictionary<string, List<ContactOperation>>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var key = GroupKey(record);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
            }

            group.Add(record);
        }

        var batches = new List<PlannedBatch>();
        foreach (var group in groups.Values)
        {
            Cut(group, options, batches);
        }

        return batches;
    }

    /// <summary>
    /// <see cref="Plan"/> per lane: a contact with any live row among <paramref name="claimed"/> is live, and its rows
    /// fold together whatever their lanes; the others go to bulk requests.
    /// </summary>
    public static IReadOnlyList<PlannedBatch> PlanByLane(IEnumerable<ClaimedChange> claimed, IEnumerable<ContactOperation> records, BatchingOptions options)
    {
        var liveContacts = claimed.Where(c => c.Lane == OutboxLane.Live).Select(c => (c.ProfileName, c.ProfileKey)).ToHashSet();
        return records
            .GroupBy(o => liveContacts.Contains((o.ProfileName, o.ProfileKey)) ? OutboxLane.Live : OutboxLane.Bulk)
            .SelectMany(lane => Plan(lane, options).Select(b => b with { Lane = lane.Key }))
            .ToList();
    }

    /// <summary>The size the planner gives a request when it cuts at <see cref="BatchingOptions.MaxBytes"/>: an upper estimate of its CSV.</summary>
    public static int EstimatedBytes(PlannedBatch batch) => HeaderBytes(batch.AttributeNames) + batch.Records.Sum(RecordBytes);

    private static void Cut(List<ContactOperation> group, BatchingOptions options, List<PlannedBatch> batches)
    {
        var head = group[0];
        var names = head.Operation == ChangeOperation.Delete
            ? []
            : head.Attributes.Keys.Order(StringComparer.Ordinal).ToList();
        var maxRecords = head.Operation == ChangeOperation.Delete ? options.MaxDeletes : options.MaxRecords;
        var current = new List<ContactOperation>();
        var bytes = HeaderBytes(names);
        foreach (var record in group)
        {
            var size = RecordBytes(record);
            if (current.Count > 0 && (current.Count >= maxRecords || bytes + size > options.MaxBytes))
            {
                batches.Add(Create(head, names, current));
                current = [];
                bytes = HeaderBytes(names);
            }

            current.Add(record);
            bytes += size;
        }

        batches.Add(Create(head, names, current));
    }

    private static PlannedBatch Create(ContactOperation head, List<string> names, List<ContactOperation> records) =>
        new(head.ProfileName, head.Operation, head.UpsertMode, head.UpdateLink, head.Exparams, names, records);

    private static string GroupKey(ContactOperation record)
    {
        var builder = new StringBuilder()
            .Append(record.ProfileName).Append('\u001f')
            .Append(record.Operation).Append('\u001f');
        if (record.Operation == ChangeOperation.Upsert)
        {
            builder.Append(record.UpsertMode).Append('\u001f').Append(record.UpdateLink).Append('\u001f');
            foreach (var name in record.Attributes.Keys.Order(StringComparer.Ordinal))
            {
                builder.Append(name).Append('\u001e');
            }
        }

        builder.Append('\u001f');
        foreach (var exparam in record.Exparams)
        {
            builder.Append(exparam).Append('\u001e');
        }

        return builder.ToString();
    }

    // An upper estimate of the CSV line: every field quoted, separators and CRLF included.
    private static int RecordBytes(ContactOperation record) =>
        Encoding.UTF8.GetByteCount(record.ProfileKey) + 4
        + record.Attributes.Values.Sum(v => (v is null ? 0 : Encoding.UTF8.GetByteCount(v) * 2) + 3);

    private static int HeaderBytes(IReadOnlyList<string> names) => 5 + names.Sum(n => Encoding.UTF8.GetByteCount(n) + 3);
}
