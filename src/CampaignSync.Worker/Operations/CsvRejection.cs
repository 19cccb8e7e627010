namespace CampaignSync.Operations;

/// <summary>A line of an <c>enqueue --csv</c> file that was not loaded, and why (never the line's values).</summary>
/// <param name="Line">The 1-based line in the file where the record starts.</param>
internal sealed record CsvRejection(long Line, string Reason);
