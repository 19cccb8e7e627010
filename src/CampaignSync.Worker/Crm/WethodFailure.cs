namespace CampaignSync.Crm;

/// <summary>One entry of a 400 answer's <c>failures</c>: the offending field and what is wrong with it.</summary>
internal sealed record WethodFailure
{
    public string? Field { get; init; }

    public string? Message { get; init; }
}
