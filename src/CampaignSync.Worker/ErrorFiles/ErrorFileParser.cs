using System.Runtime.CompilerServices;
using System.Text;

namespace CampaignSync.ErrorFiles;

/// <summary>
/// Streams an error file (header <c>Code,Description,Index</c>, then one line per failed record) into
/// <see cref="ErrorLine"/>s and <see cref="ErrorFileAnomaly"/>s, in file order, holding one record in memory.
/// Every non-blank line yields exactly one entry, so nothing is dropped silently; index range checks are the
/// caller's (<see cref="ErrorLine.TryGetRecordOffset"/>). Pure: no DI, no clock, no logging.
/// </summary>
/// <remarks>
/// A hand parser rather than CsvHelper: CsvHelper takes one escape character per file, so it cannot accept both
/// <c>""</c> and <c>\"</c> as the API reference requires, and its bad-data callbacks do not give the
/// per-line anomaly records this stage reports. The format is three fields; the parser is small.
/// </remarks>
internal static class ErrorFileParser
{
    /// <summary>The longest physical line read; longer ones become anomalies.</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>The most physical lines one quoted description may span.</summary>
    public const int MaxLinesPerRecord = 50;

    /// <param name="maxLines">The most physical lines read; one more throws <see cref="Campaign.ErrorFileRejectedException"/>.</param>
    public static async IAsyncEnumerable<ErrorFileEntry> ParseAsync(Stream stream, int maxLines, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var text = new StreamReader(stream, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var lines = new ErrorFileLineReader(text, MaxLineLength, maxLines);
        var reader = new ErrorFileRecordReader();
        ErrorFileColumns? columns = null;
        ErrorFileLine? lookahead = null;

        while ((lookahead ?? await lines.ReadLineAsync(cancellationToken)) is { } line)
        {
            lookahead = null;
            var record = columns is null ? line.Text.TrimStart('\uFEFF') : line.Text;
            if (line.TooLong)
            {
                yield return new ErrorFileAnomaly(line.Number, $"The line is longer than {MaxLineLength} characters.", ErrorFileAnomaly.Truncate(record));
                continue;
            }

            if (string.IsNullOrWhiteSpace(record))
            {
                continue;
            }

            if (columns is null)
            {
                columns = reader.ReadHeader(record, line.Number, out var headerEntries);
                foreach (var entry in headerEntries)
                {
                    yield return entry;
                }

                continue;
            }

            // A quote left open may be a description that spans lines: join the next ones until it closes, unless the
            // next line reads as a record of its own (then this one was truncated, and the next one is not swallowed).
            var joined = 1;
            var terminated = line.Terminated;
            var result = reader.ReadRecord(record, columns, line.Number, out var openQuote);
            while (openQuote)
            {
                var next = await lines.ReadLineAsync(cancellationToken);
                if (next is null || next.Value.TooLong || joined == MaxLinesPerRecord || reader.IsRecord(next.Value.Text, columns))
                {
                    lookahead = next;
                    result = new ErrorFileAnomaly(
                        line.Number, next is null ? "A quoted field is not closed before the end of the file." : "A quoted field is not closed.", ErrorFileAnomaly.Truncate(record));
                    break;
                }

                record = record + "\n" + next.Value.Text;
                terminated = next.Value.Terminated;
                joined++;
                result = reader.ReadRecord(record, columns, line.Number, out openQuote);
            }

            // A record the file ends in without a line break may be cut short ("12" of "123"): it blames no record.
            yield return result is ErrorLine && !terminated
                ? new ErrorFileAnomaly(line.Number, "The file ends in this line without a line break: it may be cut short, so it blames no record.",
                    ErrorFileAnomaly.Truncate(record))
                : result;
        }

        if (columns is null)
        {
            yield return new ErrorFileAnomaly(0, "The file is empty: no header line.", string.Empty);
        }
    }
}
