namespace CampaignSync.Campaign;

/// <summary>
/// What the tenant does with an empty value (an empty cell of the async file): the public pages do not say, so it is
/// the setting <c>Campaign:EmptyValues</c>, and the fold follows it so that a folded record means what its rows mean.
/// </summary>
internal enum EmptyValues
{
    /// <summary>An empty or null value clears the attribute; a later one overwrites an earlier value in the fold.</summary>
    Clear,

    /// <summary>An empty or null value leaves the attribute alone; the fold drops it, so it is never sent.</summary>
    Ignore,
}
