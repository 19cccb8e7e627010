namespace CampaignSync.ErrorFiles;

/// <summary>One result of <see cref="ErrorFileParser"/>: an <see cref="ErrorLine"/> or an <see cref="ErrorFileAnomaly"/>.</summary>
/// <param name="LineNumber">The 1-based physical line where the entry starts (0 for the file as a whole).</param>
internal abstract record ErrorFileEntry(long LineNumber);
