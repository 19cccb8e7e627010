namespace CampaignSync.ErrorFiles;

/// <summary>Why a record could not be split into fields.</summary>
internal enum ErrorFileSplitFailure
{
    /// <summary>It could.</summary>
    None,

    /// <summary>A quoted field is still open at the end of the text (truncated, or continued on the next line).</summary>
    OpenQuote,

    /// <summary>Something other than a comma follows a closing quote.</summary>
    TextAfterQuote,
}
