using System.Buffers;
using System.Text;

namespace CampaignSync.Campaign;

/// <summary>
/// Writes an upsert batch as the async mode's <c>file</c> text: a header line <c>key,&lt;attribute names&gt;</c>,
/// then one record per line, every line ending in CRLF, fields quoted per RFC 4180 when they need it.
/// A null or empty value is an empty cell, which the tenant reads per <c>Campaign:EmptyValues</c>: with <c>Clear</c> it
/// clears the attribute; with <c>Ignore</c> the fold has already dropped such values, so no record carries one. The
/// batch planner keeps one attribute set per batch, so a record never gets an empty cell for an attribute it lacks.
/// </summary>
internal static class CampaignCsvWriter
{
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(",\"\r\n");

    public static string Write(UpsertBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var text = new StringBuilder(capacity: 64 * (batch.Records.Count + 1));

        AppendField(text, "key");
        foreach (var name in batch.AttributeNames)
        {
            text.Append(',');
            AppendField(text, name);
        }

        text.Append("\r\n");
        foreach (var record in batch.Records)
        {
            if (record.Values.Count != batch.AttributeNames.Count)
            {
                throw new ArgumentException(
                    $"Every record needs {batch.AttributeNames.Count} values, one per attribute name; a record has {record.Values.Count}.",
                    nameof(batch));
            }

            AppendField(text, record.Key);
            foreach (var value in record.Values)
            {
                text.Append(',');
                AppendField(text, value);
            }

            text.Append("\r\n");
        }

        return text.ToString();
    }

    private static void AppendField(StringBuilder text, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        // RFC 4180 needs quotes for comma, quote and line breaks. Leading or trailing spaces are quoted too:
        // the server side may trim unquoted fields (the error file's own sample does), which would change the value.
        var quote = value.AsSpan().ContainsAny(NeedsQuotes) || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]);
        if (!quote)
        {
            text.Append(value);
            return;
        }

        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
