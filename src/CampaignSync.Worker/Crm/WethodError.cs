namespace CampaignSync.Crm;

/// <summary>
/// The documented error body (docs/wethod-crm-api.md, "Errors"): <c>key</c>, <c>message</c> and, on 400, <c>failures</c>.
/// Only <c>key</c> is logged; the message and failures may echo a value.
/// </summary>
internal sealed record WethodError
{
    public string? Key { get; init; }

    public string? Message { get; init; }

    public IReadOnlyList<WethodFailure>? Failures { get; init; }
}
