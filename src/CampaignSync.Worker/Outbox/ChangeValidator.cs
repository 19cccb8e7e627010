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

        if (HasControlCharacter(change.ProfileKey))
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

        // Sized once, and each name read once (JsonProperty.Name makes a new string on every read): every claimed row
        // passes here, so its allocations are a good part of the worker's CPU (issue 12).
        Dictionary<string, string?> attributes;
        using (var document = JsonDocument.Parse(change.AttributesJson))
        {
            attributes = new Dictionary<string, string?>(document.RootElement.GetPropertyCount(), StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var name = property.Name;
                var problem = CheckAttribute(name, property.Value);
                if (problem is not null)
                {
                    return Reject(change, problem);
                }

                attributes[name] = ScalarText(property.Value);
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

    private static string? CheckAttribute(string name, JsonElement value)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxAttributeNameLength || HasControlCharacter(name))
        {
            return $"attribute names must be 1 to {MaxAttributeNameLength} characters with no control character";
        }

        return value.ValueKind is JsonValueKind.Object or JsonValueKind.Array
            ? $"attribute '{name}' must be a string, number, boolean or null, not {value.ValueKind}"
            : null;
    }

    // A loop rather than text.Any(char.IsControl), which allocates an enumerator per call.
    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
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
