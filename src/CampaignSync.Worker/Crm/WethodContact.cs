using System.Text.Json.Serialization;

namespace CampaignSync.Crm;

/// <summary>
/// A contact as <c>GET /api/contacts</c> returns it (docs/wethod-crm-api.md, "Contact fields"). Every field but <c>id</c> may be null
/// or missing; unknown fields are ignored. <c>telephone</c> arrives as a string or a number and is kept as text.
/// </summary>
internal sealed record WethodContact
{
    public long Id { get; init; }

    public long? ClientId { get; init; }

    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Surname { get; init; }

    public string? Role { get; init; }

    public string? Notes { get; init; }

    public string? Linkedin { get; init; }

    public string? Description { get; init; }

    [JsonConverter(typeof(WethodTextConverter))]
    public string? Telephone { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }
}
