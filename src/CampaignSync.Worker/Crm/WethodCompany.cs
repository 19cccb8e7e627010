using System.Text.Json.Serialization;

namespace CampaignSync.Crm;

/// <summary>
/// A Wethod <em>client</em>, the customer company a contact belongs to, as <c>GET /api/clients</c> returns it
/// (docs/wethod-crm-api.md, "Clients"). Named company here so it is never confused with an HTTP client. Read tolerantly: the
/// field set changed between API versions, so only the fields a profile may carry are read.
/// </summary>
internal sealed record WethodCompany
{
    public long Id { get; init; }

    public string? CorporateName { get; init; }

    public string? Acronym { get; init; }

    public string? Town { get; init; }

    public string? Country { get; init; }

    public string? Website { get; init; }

    public string? Email { get; init; }

    public string? Street { get; init; }

    public string? ZipCode { get; init; }

    [JsonConverter(typeof(WethodTextConverter))]
    public string? Phone { get; init; }
}
