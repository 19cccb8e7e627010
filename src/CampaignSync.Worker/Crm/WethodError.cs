namespace CampaignSync.Crm;

/// <summary>
/// The documented error body (wethod-crm-api.md §4.1): <c>key</c>, <c>message</c> and, on 400, <c>failures</c>.
/// Only <c>key</c> is logged; the message and failures may echo a value.
/// </summary>
internal sealed record WethodError
{
    public string? Key { get; init; }

    public string? Message { get; init; }

    public IReadOnlyList<WethodFailure>? Failures { get; init; }
}
