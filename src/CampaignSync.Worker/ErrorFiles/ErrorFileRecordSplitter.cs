using System.Text;

namespace CampaignSync.ErrorFiles;

/// <summary>
/// Splits one record into fields: commas separate, spaces and tabs around fields are trimmed, a field may be
/// quoted, and inside quotes <c>""</c> is a quote and, when <c>backslashEscapes</c> is on, so is <c>\"</c>.
/// The caller tries both readings, because <c>"C:\dir\"</c> is only readable without backslash escapes and
/// <c>"say \"hi\""</c> only with them (docs/campaign-api.md: both escapes are accepted).
/// </summary>
internal static class ErrorFileRecordSplitter
{
    public static ErrorFileSplitFailure Split(string record, bool backslashEscapes, List<string> fields)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(fields);
        fields.Clear();
        var position = 0;
        while (true)
        {
            position = SkipBlanks(record, position);
            if (position < record.Length && record[position] == '"')
            {
                var failure = ReadQuoted(record, ref position, backslashEscapes, fields);
                if (failure != ErrorFileSplitFailure.None || position >= record.Length)
                {
                    return failure;
                }

                position++; // the comma after the closing quote
                if (position == record.Length)
                {
                    fields.Add(string.Empty);
                    return ErrorFileSplitFailure.None;
                }

                continue;
            }

            var comma = record.IndexOf(',', position);
            var end = comma < 0 ? record.Length : comma;
            fields.Add(record[position..end].Trim(' ', '\t'));
            if (comma < 0)
            {
                return ErrorFileSplitFailure.None;
            }

            position = comma + 1;
        }
    }

    /// <summary>Reads a quoted field starting at the opening quote; leaves <paramref name="position"/> on the comma or the end.</summary>
    private static ErrorFileSplitFailure ReadQuoted(string record, ref int position, bool backslashEscapes, List<string> fields)
    {
        var value = new StringBuilder();
        var i = position + 1;
        while (true)
        {
            if (i >= record.Length)
            {
                return ErrorFileSplitFailure.OpenQuote;
            }

            var c = record[i];
            var next = i + 1 < record.Length ? record[i + 1] : '\0';
            if ((c == '"' || (c == '\\' && backslashEscapes)) && next == '"')
            {
                value.Append('"');
                i += 2;
            }
            else if (c == '"')
            {
                break;
            }
            else
            {
                value.Append(c);
                i++;
            }
        }

        i = SkipBlanks(record, i + 1);
        if (i < record.Length && record[i] != ',')
        {
            return ErrorFileSplitFailure.TextAfterQuote;
        }

        fields.Add(value.ToString());
        position = i;
        return ErrorFileSplitFailure.None;
    }

    private static int SkipBlanks(string text, int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }

        return position;
    }
}
