using System.Globalization;

namespace CampaignSync.ErrorFiles;

/// <summary>
/// Turns one record's text into an <see cref="ErrorLine"/> or an <see cref="ErrorFileAnomaly"/>, trying the
/// reading with backslash escapes first and the plain RFC 4180 reading second. One per parse: it reuses a field list.
/// </summary>
internal sealed class ErrorFileRecordReader
{
    private readonly List<string> _fields = [];

    /// <summary>Reads the header; a file without one whose first line is a record still yields that record.</summary>
    public ErrorFileColumns ReadHeader(string text, long lineNumber, out IReadOnlyList<ErrorFileEntry> entries)
    {
        ErrorFileRecordSplitter.Split(text, backslashEscapes: false, _fields);
        var columns = ErrorFileColumns.FromHeader(_fields, out var problem, out var recognized);
        if (problem is null)
        {
            entries = [];
            return columns;
        }

        var anomaly = new ErrorFileAnomaly(lineNumber, problem, ErrorFileAnomaly.Truncate(text));
        entries = !recognized && ReadRecord(text, columns, lineNumber, out _) is ErrorLine line ? [anomaly, line] : [anomaly];
        return columns;
    }

    /// <summary>Reads one record. <paramref name="openQuote"/> says a quote is still open in some reading, so the text may continue.</summary>
    public ErrorFileEntry ReadRecord(string text, ErrorFileColumns columns, long lineNumber, out bool openQuote)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var escaped = ErrorFileRecordSplitter.Split(text, backslashEscapes: true, _fields);
        ErrorLine? line = null;
        var escapedReason = escaped == ErrorFileSplitFailure.None ? TryRead(columns, lineNumber, out line) : Describe(escaped);
        if (line is not null)
        {
            openQuote = false;
            return line;
        }

        var plain = ErrorFileRecordSplitter.Split(text, backslashEscapes: false, _fields);
        var plainReason = plain == ErrorFileSplitFailure.None ? TryRead(columns, lineNumber, out line) : Describe(plain);
        if (line is not null)
        {
            openQuote = false;
            return line;
        }

        openQuote = escaped == ErrorFileSplitFailure.OpenQuote || plain == ErrorFileSplitFailure.OpenQuote;
        // Prefer the reason of a reading that got as far as fields: "expected 3 fields" says more than "quote not closed".
        var reason = escaped == ErrorFileSplitFailure.None || plain != ErrorFileSplitFailure.None ? escapedReason : plainReason;
        return new ErrorFileAnomaly(lineNumber, reason!, ErrorFileAnomaly.Truncate(text));
    }

    /// <summary>Whether <paramref name="text"/> alone reads as a complete, valid record.</summary>
    public bool IsRecord(string text, ErrorFileColumns columns) =>
        !string.IsNullOrWhiteSpace(text) && ReadRecord(text, columns, 0, out _) is ErrorLine;

    private string? TryRead(ErrorFileColumns columns, long lineNumber, out ErrorLine? line)
    {
        line = null;
        if (_fields.Count != columns.Count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Expected {columns.Count} fields, found {_fields.Count}.");
        }

        var indexText = _fields[columns.Index].Trim();
        if (!int.TryParse(indexText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return $"The index '{ErrorFileAnomaly.Truncate(indexText)}' is not an integer.";
        }

        line = new ErrorLine(index, _fields[columns.Code].Trim(), _fields[columns.Description], lineNumber);
        return null;
    }

    private static string Describe(ErrorFileSplitFailure failure) => failure switch
    {
        ErrorFileSplitFailure.OpenQuote => "A quoted field is not closed.",
        ErrorFileSplitFailure.TextAfterQuote => "Text follows a closing quote.",
        _ => "The line cannot be split into fields.",
    };
}
