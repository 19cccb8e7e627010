using System.Globalization;

namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// Contacts: reads on the plural path (<c>GET /api/contacts</c>, <c>GET /api/contacts/{id}</c>), writes on the
/// singular (<c>POST /api/contact</c>, <c>PATCH /api/contact/{id}</c>, <c>DELETE /api/contact/{id}</c>), as the
/// docs have it (docs/wethod-crm-api.md, "Every request"). The list is a bare JSON array in id order, paged by limit
/// and offset, and filtered by <c>client_id</c> and <c>updated_at</c> (<c>gt:</c>, <c>lt:</c>, or a bare value: that UTC day).
/// </summary>
internal static class WethodContactEndpoints
{
    public const string ListPath = "/contacts";
    public const string ItemPath = "/contacts/{id}";
    public const string CreatePath = "/contact";
    public const string WritePath = "/contact/{id}";

    public static void MapWethodContacts(this RouteGroupBuilder api)
    {
        api.MapGet(ListPath, List);
        api.MapGet(ItemPath, (string id, WethodDirectory directory) =>
            ParseId(id) is not { } contactId ? InvalidId()
            : directory.FindContact(contactId) is { } contact ? Results.Json(contact, WethodSimJsonContext.Default.WethodSimContact)
            : WethodResults.NotFound("Contact"));
        api.MapPost(CreatePath, CreateAsync);
        api.MapPatch(WritePath, UpdateAsync);
        api.MapDelete(WritePath, (string id, WethodDirectory directory) =>
            ParseId(id) is not { } contactId ? InvalidId()
            : directory.RemoveContact(contactId) ? Results.Ok()
            : WethodResults.NotFound("Contact"));
    }

    private static IResult List(HttpRequest request, WethodDirectory directory, WethodFaults faults)
    {
        var failures = new List<WethodSimFailure>();
        var (limit, offset) = WethodPaging.Read(request, failures);
        var clientId = request.Query.ContainsKey("client_id") ? WethodPaging.ReadInt(request, "client_id", 0, 1, int.MaxValue, failures) : (int?)null;
        var updated = ReadUpdatedAt(request.Query["updated_at"].ToString(), failures);
        if (failures.Count > 0)
        {
            return WethodResults.Invalid(failures);
        }

        if (faults.FailsContactPage(offset))
        {
            return WethodResults.Error(StatusCodes.Status500InternalServerError, "internal_error", "Internal server error");
        }

        var page = directory.Contacts()
            .Where(c => !faults.IsHidden(c.Id))
            .Where(c => clientId is null || c.ClientId == clientId)
            .Where(c => updated is null || updated(c.UpdatedAt))
            .Skip(offset)
            .Take(limit)
            .ToList();
        return Results.Json(page, WethodSimJsonContext.Default.ListWethodSimContact);
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, WethodDirectory directory, CancellationToken cancellationToken)
    {
        var body = await WethodContactBody.ReadAsync(request, directory, cancellationToken);
        if (body.Failures.Count > 0)
        {
            return WethodResults.Invalid(body.Failures);
        }

        if (body.ClientId is null)
        {
            return WethodResults.Invalid([new WethodSimFailure("client_id", "is required")]);
        }

        var stored = directory.AddContact(body.ApplyTo(new WethodSimContact()));
        return Results.Json(stored, WethodSimJsonContext.Default.WethodSimContact, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, WethodDirectory directory, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } contactId)
        {
            return InvalidId();
        }

        var body = await WethodContactBody.ReadAsync(request, directory, cancellationToken);
        if (body.Failures.Count > 0)
        {
            return WethodResults.Invalid(body.Failures);
        }

        return directory.UpdateContact(contactId, body.ApplyTo) is { } stored
            ? Results.Json(stored, WethodSimJsonContext.Default.WethodSimContact)
            : WethodResults.NotFound("Contact");
    }

    private static long? ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 ? value : null;

    private static IResult InvalidId() => WethodResults.Invalid([new WethodSimFailure("id", "must match [0-9]+ and be at least 1")]);

    private static Func<DateTimeOffset, bool>? ReadUpdatedAt(string text, List<WethodSimFailure> failures)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var (op, value) = text.StartsWith("gt:", StringComparison.Ordinal) ? ("gt", text[3..])
            : text.StartsWith("lt:", StringComparison.Ordinal) ? ("lt", text[3..])
            : ("on", text);
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            // An unencoded '+' in the offset arrives as a space: the docs' own warning
            // (docs/wethod-crm-api.md, "Contacts, page by page").
            failures.Add(new WethodSimFailure("updated_at", "must be an ISO-8601 date-time, optionally prefixed by gt: or lt:"));
            return null;
        }

        return op switch
        {
            "gt" => updatedAt => updatedAt > at,
            "lt" => updatedAt => updatedAt < at,
            _ => updatedAt => updatedAt.UtcDateTime.Date == at.UtcDateTime.Date,
        };
    }
}
