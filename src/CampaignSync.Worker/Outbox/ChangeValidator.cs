using System.Text.Json;

namespace CampaignSync.Outbox;

/// <summary>
/// Judges what the table's constraints cannot: attribute values must be scalars with sane names, and keys must fit
/// the API. A row that fails gets a failed outcome with the reason; it never blocks the rows around it.
/// Pure: no I/O.
/// </summary>
internal static class ChangeValidator
{
    /// <summary>The code written on rows rejected by this validator.</summary>
    public const string InvalidRowCode = "invalid_row";

    /// <summary>Longest profile key accepted; the API's keys are short identifiers.</summary>
    public const int MaxKeyLength = 255;

    /// <summary>Longest attribute name accepted.</summary>
    public const int MaxAttributeNameLength = 128;

    /// <summary>Validates each row: those the worker can send, in the order given, and those that fail with their reason.</summary>
    public static (List<ValidChange> Valid, List<RejectedChange> Rejected) Split(IReadOnlyCollection<ClaimedChange> changes)
    {
        var valid = new List<ValidChange>(changes.Count);
        var rejected = new List<RejectedChange>();
        foreach (var change in changes)
        {
            var (ok, bad) = Validate(change);
            if (ok is not null)
            {
                valid.Add(ok);
            }
            else
            {
                rejected.Add(bad!);
            }
        }

        return (valid, rejected);
    }

    public static (ValidChange? Valid, RejectedChange? Rejected) Validate(ClaimedChange change)
    {
        if (change.ProfileKey.Length > MaxKeyLength)
        {
            return Reject(change, $"profile_key is longer than {MaxKeyLength} characters");
        }

        if (change.ProfileKey.Any(char.IsControl))
        {
            return Reject(change, "profile_key contains a control character");
        }

        var operation = change.Operation switch
        {
            "upsert" => ChangeOperation.Upsert,
            "delete" => ChangeOperation.Delete,
            _ => (ChangeOperation?)null,
        };
        if (operation is null)
        {
            return Reject(change, "operation must be 'upsert' or 'delete'");
        }

        if (change.AttributesJson is null)
        {
            return Reject(change, $"the attributes are {change.AttributeBytes:N0} bytes of JSON, more than Outbox:MaxAttributeBytes allows");
        }

        var attributes = new Dictionary<string, string?>(StringComparer.Ordinal);
        using (var document = JsonDocument.Parse(change.AttributesJson))
        {
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var problem = CheckAttribute(property);
                if (problem is not null)
                {
                    return Reject(change, problem);
                }

                attributes[property.Name] = ScalarText(property.Value);
            }
        }

        if (operation == ChangeOperation.Upsert && attributes.Count == 0)
        {
            return Reject(change, "an upsert needs at least one attribute");
        }

        return (new ValidChange(change.Id, change.ProfileName, change.ProfileKey, operation.Value, attributes,
            change.UpsertMode, change.UpdateLink, change.Exparams, change.SendAlone) { Position = change.Position }, null);
    }

    /// <summary>The attributes of a row that already passed validation (a row read back after it was applied).</summary>
    public static Dictionary<string, string?> ReadAttributes(string attributesJson)
    {
        using var document = JsonDocument.Parse(attributesJson);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => ScalarText(p.Value), StringComparer.Ordinal);
    }

    private static string? CheckAttribute(JsonProperty property)
    {
        if (string.IsNullOrWhiteSpace(property.Name) || property.Name.Length > MaxAttributeNameLength
            || property.Name.Any(char.IsControl))
        {
            return $"attribute names must be 1 to {MaxAttributeNameLength} characters with no control character";
        }

        return property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? $"attribute '{property.Name}' must be a string, number, boolean or null, not {property.Value.ValueKind}"
            : null;
    }

    /// <summary>A scalar attribute value as the text Campaign stores; JSON null is null.</summary>
    public static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.GetRawText(),
    };

    private static (ValidChange?, RejectedChange?) Reject(ClaimedChange change, string reason) =>
        (null, new RejectedChange(change.Id, InvalidRowCode, reason));
}
