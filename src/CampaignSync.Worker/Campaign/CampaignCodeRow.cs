namespace CampaignSync.Campaign;

/// <summary>One row of <see cref="CampaignErrorCodes"/>: a documented code and the policy per endpoint.</summary>
/// <param name="Code">The code as the API writes it, in the body or as the HTTP status.</param>
/// <param name="Meaning">What the API reference says it means.</param>
/// <param name="Kind">The policy on every endpoint without an override.</param>
/// <param name="OnDelete">The policy on Delete, when it differs.</param>
/// <param name="OnStatus">The policy on Get profile query status, when it differs.</param>
/// <param name="OnGetProfile">The policy on Get contact profile, when it differs.</param>
internal sealed record CampaignCodeRow(
    string Code,
    string Meaning,
    CampaignOutcomeKind Kind,
    CampaignOutcomeKind? OnDelete = null,
    CampaignOutcomeKind? OnStatus = null,
    CampaignOutcomeKind? OnGetProfile = null)
{
    /// <summary>The policy of this code on <paramref name="endpoint"/>.</summary>
    public CampaignOutcomeKind KindFor(CampaignEndpoint endpoint) => endpoint switch
    {
        CampaignEndpoint.Delete => OnDelete ?? Kind,
        CampaignEndpoint.Status => OnStatus ?? Kind,
        CampaignEndpoint.GetProfile => OnGetProfile ?? Kind,
        _ => Kind,
    };
}
