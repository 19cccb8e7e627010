using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace CampaignSync.Benchmark;

/// <summary>
/// Writes outbox rows with binary COPY (as DemoSeeder does): ten attributes per upsert; every sixth row is a second
/// change of an earlier contact, so 20% of the contacts change twice, and 60% of those second changes are deletes
/// (10% of all rows). Deterministic for a given row count; raw Npgsql because Dapper has no COPY.
/// </summary>
internal static class OutboxLoader
{
    private const string Copy = """
        copy campaign_sync.outbox (profile_name, profile_key, operation, attributes, upsert_mode, update_link, exparams, source)
        from stdin (format binary)
        """;

    private static readonly string[] Exparams = ["benchmark"];

    /// <summary>Writes <paramref name="rows"/> rows; with <paramref name="upsertsOnly"/> every row is a new contact's upsert.</summary>
    public static async Task LoadAsync(NpgsqlDataSource dataSource, int rows, bool upsertsOnly, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        var contact = 0;
        var revisit = 0;
        for (var i = 0; i < rows; i++)
        {
            var (key, delete) = !upsertsOnly && i % 6 == 5
                ? (Key(5 * revisit), revisit++ % 5 < 3)
                : (Key(contact++), false);
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(BenchmarkWorkload.Profile, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(key, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(delete ? "delete" : "upsert", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(delete ? "{}" : Attributes(i), NpgsqlDbType.Jsonb, cancellationToken);
            await importer.WriteAsync((short)1, NpgsqlDbType.Smallint, cancellationToken);
            await importer.WriteAsync((short)1, NpgsqlDbType.Smallint, cancellationToken);
            await importer.WriteAsync(Exparams, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync("benchmark", NpgsqlDbType.Text, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static string Key(int contact) => string.Create(CultureInfo.InvariantCulture,
        $"{(contact % 100 == 99 ? BenchmarkWorkload.BouncingKeyPrefix : "contact-")}{contact:D8}");

    private static string Attributes(int i)
    {
        // Plain ASCII values, so the JSON needs no escaping; sizes like a real CRM row (about 300 bytes).
        var json = new StringBuilder(320);
        json.Append(CultureInfo.InvariantCulture, $"{{\"email\":\"person{i}@example.com\",\"first-name\":\"Ada\",");
        json.Append(CultureInfo.InvariantCulture, $"\"last-name\":\"Lovelace {i}\",\"phone\":\"+41 44 {i % 1_000_000:D6}\",");
        json.Append(CultureInfo.InvariantCulture, $"\"street\":\"{i % 200} Analytical Engine Road\",\"postcode\":\"{8000 + (i % 999)}\",");
        json.Append(i % 3 == 0 ? "\"city\":\"London\",\"country\":\"GB\"," : "\"city\":\"Zurich\",\"country\":\"CH\",");
        json.Append(i % 2 == 0 ? "\"language\":\"en\"," : "\"language\":\"de\",");
        json.Append(CultureInfo.InvariantCulture, $"\"segment\":\"tier-{i % 7}\"}}");
        return json.ToString();
    }
}
