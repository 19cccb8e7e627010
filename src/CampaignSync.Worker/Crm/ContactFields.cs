using System.Collections.Frozen;
using System.Globalization;

namespace CampaignSync.Crm;

/// <summary>
/// The CRM fields a mapping may name: the contact's own (docs/wethod-crm-api.md, "Contact fields") and, prefixed with
/// <c>client.</c>, those of the client (company) it belongs to ("Clients"). Timestamps are left out on purpose: a profile
/// that carried <c>updated_at</c> would change on every edit of any field, mapped or not.
/// </summary>
internal static class ContactFields
{
    /// <summary>The prefix of a field read from the contact's client.</summary>
    public const string ClientPrefix = "client.";

    private static readonly FrozenDictionary<string, Func<WethodContact, WethodCompany?, string?>> Readers =
        new Dictionary<string, Func<WethodContact, WethodCompany?, string?>>(StringComparer.Ordinal)
        {
            ["id"] = (c, _) => c.Id.ToString(CultureInfo.InvariantCulture),
            ["client_id"] = (c, _) => c.ClientId?.ToString(CultureInfo.InvariantCulture),
            ["email"] = (c, _) => c.Email,
            ["name"] = (c, _) => c.Name,
            ["surname"] = (c, _) => c.Surname,
            ["role"] = (c, _) => c.Role,
            ["notes"] = (c, _) => c.Notes,
            ["linkedin"] = (c, _) => c.Linkedin,
            ["description"] = (c, _) => c.Description,
            ["telephone"] = (c, _) => c.Telephone,
            [ClientPrefix + "corporate_name"] = (_, k) => k?.CorporateName,
            [ClientPrefix + "acronym"] = (_, k) => k?.Acronym,
            [ClientPrefix + "town"] = (_, k) => k?.Town,
            [ClientPrefix + "country"] = (_, k) => k?.Country,
            [ClientPrefix + "website"] = (_, k) => k?.Website,
            [ClientPrefix + "email"] = (_, k) => k?.Email,
            [ClientPrefix + "street"] = (_, k) => k?.Street,
            [ClientPrefix + "zip_code"] = (_, k) => k?.ZipCode,
            [ClientPrefix + "phone"] = (_, k) => k?.Phone,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every field name a mapping may use, in a stable order (for messages and docs).</summary>
    public static IReadOnlyList<string> Names { get; } = Readers.Keys.Order(StringComparer.Ordinal).ToArray();

    public static bool IsKnown(string field) => Readers.ContainsKey(field);

    /// <summary>The raw value of <paramref name="field"/>; a client field of a contact without a known client is null.</summary>
    public static string? Read(string field, WethodContact contact, WethodCompany? company) => Readers[field](contact, company);
}
