namespace CampaignSync.ErrorFiles;

/// <summary>One physical line of an error file, without its line break.</summary>
/// <param name="Number">1-based.</param>
/// <param name="Text">The line, cut at the reader's length limit when <paramref name="TooLong"/>.</param>
/// <param name="TooLong">The line was longer than the limit; the rest was skipped.</param>
/// <param name="Terminated">A line break ended it; false for a last line the file ends in (it may be cut short).</param>
internal readonly record struct ErrorFileLine(long Number, string Text, bool TooLong, bool Terminated);
