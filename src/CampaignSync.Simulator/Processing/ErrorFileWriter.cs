using System.Globalization;
using System.Text;

namespace CampaignSync.Simulator.Processing;

/// <summary>
/// Writes the error file of an async upsert: header <c>Code,Description,Index</c>, CRLF line ends, the description
/// in double quotes with inner quotes doubled. <see cref="ErrorFileFault"/> damages it on purpose.
/// </summary>
internal static class ErrorFileWriter
{
    private const string Crlf = "\r\n";

    public static string Write(IReadOnlyList<ErrorLine> lines, int recordCount, ErrorFileFault fault)
    {
        var text = new StringBuilder("Code,Description,Index").Append(Crlf);
        foreach (var line in lines)
        {
            AppendLine(text, line);
        }

        switch (fault)
        {
            case ErrorFileFault.Malformed:
                text.Append("this line is not a CSV record").Append(Crlf);
                text.Append("1001,\"unterminated quote,2").Append(Crlf);
                text.Append("1001,\"Wrong number of fields\"").Append(Crlf);
                AppendLine(text, new ErrorLine("1001", "Index past the last record", recordCount + 7));
                break;
            case ErrorFileFault.Truncated:
                // Cut the last line in half: the header stays whole, the file ends without a line end.
                var lastLineStart = text.ToString(0, text.Length - Crlf.Length).LastIndexOf(Crlf, StringComparison.Ordinal) + Crlf.Length;
                var lastLineLength = text.Length - Crlf.Length - lastLineStart;
                text.Length = lastLineStart + Math.Max(1, lastLineLength / 2);
                break;
            case ErrorFileFault.None:
            default:
                break;
        }

        return text.ToString();
    }

    private static void AppendLine(StringBuilder text, ErrorLine line) =>
        text.Append(CultureInfo.InvariantCulture, $"{line.Code},\"{line.Description.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{line.Index}")
            .Append(Crlf);
}
