namespace CampaignSync.ErrorFiles;

/// <summary>
/// A line of the error file that could not be read, reported on the batch rather than dropped, and
/// blaming no record (the README's "How it works", <c>ErrorFiles/</c>).
/// </summary>
/// <param name="LineNumber">The 1-based physical line (0 when the file as a whole is at fault, e.g. empty).</param>
/// <param name="Reason">Why it could not be read, in a sentence.</param>
/// <param name="RawText">The line as found, cut to <see cref="MaxRawTextLength"/> characters.</param>
internal sealed record ErrorFileAnomaly(long LineNumber, string Reason, string RawText) : ErrorFileEntry(LineNumber)
{
    /// <summary>The most characters of a bad line kept for the operator.</summary>
    public const int MaxRawTextLength = 200;

    /// <summary>Cuts <paramref name="text"/> to <see cref="MaxRawTextLength"/> characters, marking the cut with an ellipsis.</summary>
    public static string Truncate(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= MaxRawTextLength ? text : string.Concat(text.AsSpan(0, MaxRawTextLength), "…");
    }
}
