using System.Text.Json;

namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// The body of a contact create or update: the eight documented fields (no <c>telephone</c>: the docs' create and
/// update bodies have none). Only fields present in the body change. Length limits are the docs' six, mapped to
/// fields as docs/wethod-crm-api.md, "What only the simulator uses", maps them.
/// </summary>
internal sealed class WethodContactBody
{
    private static readonly Dictionary<string, int> MaxLengths = new(StringComparer.Ordinal)
    {
        ["email"] = 150, ["name"] = 100, ["surname"] = 100, ["role"] = 75, ["linkedin"] = 250,
        ["notes"] = int.MaxValue, ["description"] = int.MaxValue,
    };

    private readonly Dictionary<string, string?> _text = new(StringComparer.Ordinal);

    public List<WethodSimFailure> Failures { get; } = [];

    public long? ClientId { get; private set; }

    public static async Task<WethodContactBody> ReadAsync(HttpRequest request, WethodDirectory directory, CancellationToken cancellationToken)
    {
        var body = new WethodContactBody();
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            body.Failures.Add(new WethodSimFailure("body", "must be a JSON object"));
            return body;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                body.Failures.Add(new WethodSimFailure("body", "must be a JSON object"));
                return body;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                body.Read(property, directory);
            }
        }

        return body;
    }

    public WethodSimContact ApplyTo(WethodSimContact contact) => contact with
    {
        ClientId = ClientId ?? contact.ClientId,
        Email = Pick("email", contact.Email),
        Name = Pick("name", contact.Name),
        Surname = Pick("surname", contact.Surname),
        Role = Pick("role", contact.Role),
        Notes = Pick("notes", contact.Notes),
        Linkedin = Pick("linkedin", contact.Linkedin),
        Description = Pick("description", contact.Description),
    };

    private string? Pick(string field, string? current) => _text.TryGetValue(field, out var value) ? value : current;

    private void Read(JsonProperty property, WethodDirectory directory)
    {
        if (property.Name == "client_id")
        {
            if (property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var id) && directory.FindClient(id) is { DeletedAt: null })
            {
                ClientId = id;
            }
            else
            {
                Failures.Add(new WethodSimFailure("client_id", "must be the id of an existing client"));
            }

            return;
        }

        if (!MaxLengths.TryGetValue(property.Name, out var maxLength))
        {
            return;
        }

        if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            Failures.Add(new WethodSimFailure(property.Name, "must be a string"));
            return;
        }

        var value = property.Value.GetString();
        if (value?.Length > maxLength)
        {
            Failures.Add(new WethodSimFailure(property.Name, $"must be at most {maxLength} characters"));
            return;
        }

        _text[property.Name] = value;
    }
}
