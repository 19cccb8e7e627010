using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace CampaignSync.Crm;

/// <summary>
/// Turns a CRM contact (joined with its client) into the profile the configuration describes: the key field and
/// each attribute's field, normalised. Pure: the same contact and settings always give the same JSON and hash, so a
/// contact whose mapped values did not change is never sent again, and a change of the mapping re-sends everyone.
/// </summary>
internal sealed class ContactMapper
{
    private readonly CrmFieldMapping _key;
    private readonly KeyValuePair<string, CrmFieldMapping>[] _attributes;
    private readonly PhoneNormalizer _phones;

    public ContactMapper(IOptions<CrmOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _key = value.Key;
        _attributes = value.Attributes.OrderBy(a => a.Key, StringComparer.Ordinal).ToArray();
        _phones = new PhoneNormalizer(value.DefaultPhoneRegion);
    }

    /// <summary>The profile of <paramref name="contact"/>, or null when its key is missing or invalid.</summary>
    public MappedContact? Map(WethodContact contact, WethodCompany? company)
    {
        ArgumentNullException.ThrowIfNull(contact);
        var key = Normalize(ContactFields.Read(_key.Field, contact, company), _key.Normalize);
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var invalid = 0;
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            foreach (var (attribute, mapping) in _attributes)
            {
                var raw = ContactFields.Read(mapping.Field, contact, company);
                var value = Normalize(raw, mapping.Normalize);
                if (value is null && !string.IsNullOrWhiteSpace(raw))
                {
                    invalid++;
                }

                json.WriteString(attribute, value ?? "");
            }

            json.WriteEndObject();
        }

        var attributesJson = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return new MappedContact(contact.Id, key, attributesJson, Hash(key, attributesJson), invalid);
    }

    private string? Normalize(string? raw, ValueNormalization normalization)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        return normalization switch
        {
            ValueNormalization.Email => EmailNormalizer.Normalize(raw),
            ValueNormalization.E164 => _phones.Normalize(raw),
            _ => raw.Trim(),
        };
    }

    // The key and the attribute JSON, separated by a byte neither can contain unescaped.
    private static string Hash(string key, string attributesJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key + "\0" + attributesJson)));
}
