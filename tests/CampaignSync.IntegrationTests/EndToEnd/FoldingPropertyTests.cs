using System.Globalization;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// The property of issue 13, over many seeds: random row sequences for a few contacts (upserts in every upsert and
/// update-link mode, deletes, empty and null values, e-mails and keys Campaign refuses, profiles and linked companies
/// Campaign does not have) go through the real pipeline (simulator over HTTP, real Postgres); the same rows are sent
/// one by one in id order to a second simulator. Both must end with the same profiles, and every row with the same
/// (state, code), a <c>superseded</c> row counting as <c>succeeded</c>. Each seed has contacts of its own, so all seeds
/// run in one pipeline run and share its requests, as they would in production. It holds under every
/// <c>Campaign:UpsertTransport</c> (issue 16): the reference is always the async call, sent alone.
/// </summary>
[Trait("Category", "Pipeline")]
[Collection(HeavyRuns.Name)]
public sealed class FoldingPropertyTests(PostgresFixture server)
{
    private const int Seeds = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Theory]
    [InlineData(EmptyValues.Clear, UpsertTransports.AsyncFile)]
    [InlineData(EmptyValues.Ignore, UpsertTransports.AsyncFile)]
    [InlineData(EmptyValues.Clear, UpsertTransports.Bulk)]
    [InlineData(EmptyValues.Ignore, UpsertTransports.Single)]
    public async Task The_pipeline_ends_as_every_row_sent_alone_in_id_order(EmptyValues emptyValues, string transport)
    {
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            Tenant(emptyValues, TimeSpan.FromMilliseconds(100)), workers: 0);
        await using var referenceSimulator = await PipelineHarness.StartSimulatorAsync(Tenant(emptyValues, TimeSpan.Zero));
        using var reference = new SendAloneReference(referenceSimulator);
        var rows = Enumerable.Range(1, Seeds).SelectMany(seed => Generate(seed)).ToList();
        var ids = await InsertAsync(harness, rows);

        await harness.StartWorkerAsync(UpsertTransports.Settings(transport,
            InvisibleFoldingTests.QuickRecovery(("Campaign:EmptyValues", emptyValues.ToString()))));
        var expected = new List<(string State, string? Code)>();
        foreach (var row in rows)
        {
            expected.Add(await reference.SendAsync(row));
        }

        await harness.WaitUntilAllFinalAsync(Patience);

        var actual = (await harness.RowsAsync()).ToDictionary(r => r.Id);
        var differences = rows.Select((row, i) => (Row: row, Id: ids[i], Expected: expected[i],
                Actual: (State: actual[ids[i]].State == "superseded" ? "succeeded" : actual[ids[i]].State, Code: actual[ids[i]].OutcomeCode)))
            .Where(d => d.Expected != d.Actual)
            .Select(d => $"row {d.Id} {d.Row.Key} {d.Row.Operation} mode {d.Row.UpsertMode} link {d.Row.UpdateLink}: alone {d.Expected}, pipeline {d.Actual}")
            .ToList();
        Assert.True(differences.Count == 0, $"{differences.Count} rows differ:\n{string.Join('\n', differences)}");
        foreach (var profile in new[] { "contacts", "companies" })
        {
            Assert.Equal(Describe(await reference.ProfilesAsync(profile)), Describe(await harness.SimulatorProfilesAsync(profile)));
        }
    }

    private static SimulatorOptions Tenant(EmptyValues emptyValues, TimeSpan processingDelay) => new()
    {
        EmptyValues = emptyValues,
        ProcessingDelay = processingDelay,
        KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")],
        ValueFailureRules = [new ValueFailureRule("email", "^[^@]*$", "1001", "Invalid email address")],
    };

    /// <summary>
    /// About ten rows over three contacts (one of them, sometimes, a key Campaign refuses). Non-empty values are unique
    /// per row except company ids: a create-only row always carries a unique city, because Campaign's answer cannot
    /// tell a create-only row that found its own values already stored from one that created them. Each contact links
    /// companies of its own: the pipeline keeps id order per contact only, so two contacts must not meet through a
    /// linked profile (one creating the company the other's update-link 3 checks).
    /// </summary>
    private static IEnumerable<GeneratedRow> Generate(int seed)
    {
        var random = new Random(seed);
        var keys = Enumerable.Range(0, 3).Select(c => c == 2 && random.Next(3) == 0 ? $"bounce-s{seed}" : $"s{seed}-c{c}").ToArray();
        var count = random.Next(6, 14);
        for (var i = 0; i < count; i++)
        {
            var key = keys[random.Next(keys.Length)];
            if (random.Next(100) < 15)
            {
                yield return new GeneratedRow(key, "delete", 1, 2, new Dictionary<string, string?>());
                continue;
            }

            var mode = (short)(random.Next(100) switch { < 20 => 0, < 65 => 1, _ => 2 });
            var link = (short)(random.Next(100) switch { < 30 => 1, < 70 => 2, _ => 3 });
            var unique = string.Create(CultureInfo.InvariantCulture, $"s{seed}r{i}");
            var attributes = new Dictionary<string, string?> { ["city"] = mode == 0 ? $"town-{unique}" : Value(random, $"town-{unique}") };
            switch (random.Next(4))
            {
                case 0:
                    attributes["email"] = random.Next(5) == 0 ? "not-an-address" : Value(random, $"person.{unique}@mail.example");
                    break;
                case 1:
                    attributes["company-id"] = random.Next(4) == 0 ? "" : $"co-{key}-{random.Next(2)}";
                    break;
            }

            yield return new GeneratedRow(key, "upsert", mode, link, attributes);
        }
    }

    // An empty value a sixth of the time, a null one a sixth of the time, otherwise the real value.
    private static string? Value(Random random, string real) => random.Next(6) switch { 0 => "", 1 => null, _ => real };

    private static async Task<long[]> InsertAsync(PipelineHarness harness, IReadOnlyList<GeneratedRow> rows)
    {
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var ids = await connection.QueryAsync<long>(
            """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, upsert_mode, update_link)
            select 'contacts', k, op, a::jsonb, m, l from unnest(@keys, @ops, @attrs, @modes, @links) with ordinality as r(k, op, a, m, l, n)
            order by n
            returning id
            """,
            new
            {
                keys = rows.Select(r => r.Key).ToArray(),
                ops = rows.Select(r => r.Operation).ToArray(),
                attrs = rows.Select(r => r.AttributesJson).ToArray(),
                modes = rows.Select(r => r.UpsertMode).ToArray(),
                links = rows.Select(r => r.UpdateLink).ToArray(),
            });
        return ids.Order().ToArray();
    }

    private static string Describe(Dictionary<string, Dictionary<string, string>> profiles) =>
        string.Join('\n', profiles.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}: {string.Join(", ", p.Value.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value}"))}"));
}
