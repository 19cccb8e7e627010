using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Crm;

/// <summary>
/// The Wethod read paths, relative to <see cref="CrmOptions.BaseUrl"/>. Settings because the API is labelled beta
/// (docs/wethod-crm-api.md): reads use the plural (<c>/api/contacts</c>), writes the singular, and that may change.
/// </summary>
internal sealed class CrmPathOptions
{
    /// <summary>The placeholder in <see cref="Contact"/> that the contact id replaces.</summary>
    public const string IdPlaceholder = "{id}";

    /// <summary>Gets or sets the contact list (GET, paged). The default value is <c>/api/contacts</c>.</summary>
    [Required]
    public string Contacts { get; set; } = "/api/contacts";

    /// <summary>Gets or sets one contact (GET), with <c>{id}</c>. The default value is <c>/api/contacts/{id}</c>.</summary>
    [Required]
    public string Contact { get; set; } = "/api/contacts/" + IdPlaceholder;

    /// <summary>Gets or sets the client (company) list (GET, paged). The default value is <c>/api/clients</c>.</summary>
    [Required]
    public string Clients { get; set; } = "/api/clients";
}
