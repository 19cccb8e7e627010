using System.Globalization;

namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// Clients (customer companies), reads only: <c>GET /api/clients</c> (limit, offset, <c>deleted</c> =
/// <c>exclude</c> (default) / <c>include</c> / <c>only</c>) and <c>GET /api/clients/{id}</c>.
/// </summary>
internal static class WethodClientEndpoints
{
    public const string ListPath = "/clients";
    public const string ItemPath = "/clients/{id}";

    public static void MapWethodClients(this RouteGroupBuilder api)
    {
        api.MapGet(ListPath, (HttpRequest request, WethodDirectory directory) =>
        {
            var failures = new List<WethodSimFailure>();
            var (limit, offset) = WethodPaging.Read(request, failures);
            var deleted = ReadDeleted(request, failures);
            if (failures.Count > 0)
            {
                return WethodResults.Invalid(failures);
            }

            var page = directory.Clients().Where(deleted).Skip(offset).Take(limit).ToList();
            return Results.Json(page, WethodSimJsonContext.Default.ListWethodSimClient);
        });
        api.MapGet(ItemPath, (string id, HttpRequest request, WethodDirectory directory) =>
        {
            var failures = new List<WethodSimFailure>();
            var deleted = ReadDeleted(request, failures);
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var clientId) || clientId < 1)
            {
                failures.Add(new WethodSimFailure("id", "must match [0-9]+ and be at least 1"));
            }

            if (failures.Count > 0)
            {
                return WethodResults.Invalid(failures);
            }

            return directory.FindClient(clientId) is { } client && deleted(client)
                ? Results.Json(client, WethodSimJsonContext.Default.WethodSimClient)
                : WethodResults.NotFound("Client");
        });
    }

    private static Func<WethodSimClient, bool> ReadDeleted(HttpRequest request, List<WethodSimFailure> failures)
    {
        switch (request.Query["deleted"].ToString())
        {
            case "" or "exclude":
                return c => c.DeletedAt is null;
            case "include":
                return _ => true;
            case "only":
                return c => c.DeletedAt is not null;
            default:
                failures.Add(new WethodSimFailure("deleted", "must be exclude, include or only"));
                return _ => false;
        }
    }
}
