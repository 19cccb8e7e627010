using System.Globalization;
using System.Text;

namespace CampaignSync.Simulator.Processing;

/// <summary>
/// Reads the <c>file</c> of an async upsert strictly as RFC 4180: records end in CRLF (the last one may not),
/// fields are separated by commas, a field is either bare or wholly quoted with inner quotes doubled.
/// Strict on purpose: a client that writes LF line ends or bare quotes should find out here, not in production.
/// </summary>
internal static class UploadCsvParser
{
    /// <summary>Returns the rows, or null with a description of the first problem.</summary>
    public static List<List<string>>? Parse(string text, out string? error)
    {
        error = null;
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == ',' || c == '\r')
            {
                if (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n'))
                {
                    error = Describe(line, "has a CR without LF");
                    return null;
                }

                row.Add(field.ToString());
                field.Clear();
                quoted = false;
                if (c == '\r')
                {
                    rows.Add(row);
                    row = [];
                    line++;
                    i++;
                }

                i++;
                continue;
            }

            error = c switch
            {
                '\n' => Describe(line, "ends with LF; records must end with CRLF"),
                _ when quoted => Describe(line, "has characters after a closing quote"),
                '"' when field.Length > 0 => Describe(line, "has a quote inside an unquoted field"),
                _ => null,
            };
            if (error is not null)
            {
                return null;
            }

            if (c == '"')
            {
                i = ReadQuoted(text, i + 1, field, ref line);
                if (i < 0)
                {
                    error = Describe(line, "has an unterminated quoted field");
                    return null;
                }

                quoted = true;
                continue;
            }

            field.Append(c);
            i++;
        }

        if (field.Length > 0 || quoted || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    // Reads after an opening quote up to and past the closing one; returns -1 when the text ends first.
    private static int ReadQuoted(string text, int i, StringBuilder field, ref int line)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            if (c == '\n')
            {
                line++;
            }

            field.Append(c);
            i++;
        }

        return -1;
    }

    private static string Describe(int line, string problem) =>
        string.Create(CultureInfo.InvariantCulture, $"file is not valid CSV: line {line} {problem}");
}
