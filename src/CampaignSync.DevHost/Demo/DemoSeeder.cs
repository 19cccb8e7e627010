using System.Globalization;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace CampaignSync.DevHost.Demo;

/// <summary>
/// Writes the demo's outbox rows with binary COPY, the way a bulk writer should: contacts changed once or several
/// times, about 10% deletes, and about 2% rows that cannot succeed, each for a different reason (a non-scalar
/// attribute, a key the simulator's fault rule fails, a value too long for the API, a profile Campaign does not have).
/// Deterministic for a given row count.
/// </summary>
internal static class DemoSeeder
{
    public const string Profile = "contacts";

    /// <summary>The simulator's demo fault rule fails keys with this prefix with an error-file line.</summary>
    public const string BouncingKeyPrefix = "bounce-";

    private static readonly string[] DemoExparams = ["demo"];

    private const string Copy = """
        copy campaign_sync.outbox (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source)
        from stdin (format binary)
        """;

    /// <summary>Writes <paramref name="rows"/> rows; returns the first and last id written.</summary>
    public static async Task<(long FirstId, long LastId)> SeedAsync(NpgsqlDataSource dataSource, int rows, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken))
        {
            var random = new Random(20261125);
            var contacts = Math.Max(1, rows * 4 / 5);
            for (var i = 0; i < rows; i++)
            {
                var row = DemoRow(random, i, contacts);
                await importer.StartRowAsync(cancellationToken);
                await importer.WriteAsync(row.Profile, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.Key, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.Operation, NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync(row.Attributes.ToJsonString(), NpgsqlDbType.Jsonb, cancellationToken);
                await importer.WriteAsync((short)1, NpgsqlDbType.Smallint, cancellationToken);
                await importer.WriteAsync((short)2, NpgsqlDbType.Smallint, cancellationToken);
                await importer.WriteAsync(DemoExparams, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await importer.WriteAsync("demo", NpgsqlDbType.Text, cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        await using var range = new NpgsqlCommand("select min(id), max(id) from campaign_sync.outbox where source = 'demo'", connection);
        await using var reader = await range.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var last = reader.GetInt64(1);
        return (last - rows + 1, last);
    }

    private static (string Profile, string Key, string Operation, JsonObject Attributes) DemoRow(Random random, int i, int contacts)
    {
        // The first contacts get one row each; the rest of the rows revisit random contacts (updates and deletes).
        var contact = i < contacts ? i : random.Next(contacts);
        var key = string.Create(CultureInfo.InvariantCulture, $"contact-{contact:D7}");
        var attributes = new JsonObject
        {
            ["email"] = string.Create(CultureInfo.InvariantCulture, $"person{contact}.v{i}@example.com"),
            ["first-name"] = "Ada",
            ["last-name"] = string.Create(CultureInfo.InvariantCulture, $"Lovelace {i}"),
            ["city"] = i % 3 == 0 ? "London" : "Zurich",
            ["country"] = i % 3 == 0 ? "GB" : "CH",
        };
        var roll = random.Next(1000);
        return roll switch
        {
            < 5 => (Profile, key, "upsert", new JsonObject { ["email"] = new JsonObject { ["nested"] = "not a scalar" } }),
            < 10 => (Profile, BouncingKeyPrefix + key, "upsert", attributes),
            < 15 => (Profile, key, "upsert", WithLongValue(attributes)),
            < 20 => ("no-such-profile", key, "upsert", attributes),
            < 120 when i >= contacts / 2 => (Profile, key, "delete", []),
            _ => (Profile, key, "upsert", attributes),
        };
    }

    private static JsonObject WithLongValue(JsonObject attributes)
    {
        attributes["city"] = new string('x', 5_000);
        return attributes;
    }
}
