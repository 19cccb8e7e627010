using System.Text.Json;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>
/// "Never two unfinished requests for one contact" and "Campaign ends with the fold of the outbox in id order", under
/// writers whose transactions take ids early and commit late: real connections whose commits cross, the worker over
/// HTTP against a simulator that takes seconds to process a request.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class ExclusivityTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task A_late_commit_below_a_sent_row_is_folded_beneath_it(string transport)
    {
        await using var harness = await StartAsync(transport);
        await using var late = await LateWriter.BeginAsync(harness);
        var lateId = await late.UpsertAsync("late-1", new { city = "old", email = "late@mail.example" });
        var newId = await harness.UpsertAsync("late-1", new { city = "new" });
        await WaitForSentAsync(harness, newId);

        await late.CommitAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertInvariantsAsync(harness);
        var profile = (await harness.SimulatorProfilesAsync())["late-1"];
        Assert.Equal("new", profile["city"]);
        Assert.Equal("late@mail.example", profile["email"]);
        Assert.True(lateId < newId);
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task A_late_delete_below_a_sent_upsert_removes_the_older_values_only(string transport)
    {
        await using var harness = await StartAsync(transport);
        var first = await harness.UpsertAsync("late-2", new { city = "first", email = "first@mail.example" });
        await WaitForStateAsync(harness, first, "succeeded");
        await using var late = await LateWriter.BeginAsync(harness);
        await late.DeleteAsync("late-2");
        var newId = await harness.UpsertAsync("late-2", new { city = "new" });
        await WaitForSentAsync(harness, newId);

        await late.CommitAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertInvariantsAsync(harness);
        var profile = (await harness.SimulatorProfilesAsync())["late-2"];
        Assert.Equal(new Dictionary<string, string> { ["city"] = "new" }, profile);
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task A_late_upsert_below_a_sent_delete_does_not_recreate_the_profile(string transport)
    {
        await using var harness = await StartAsync(transport);
        var first = await harness.UpsertAsync("late-3", new { city = "first" });
        await WaitForStateAsync(harness, first, "succeeded");
        await using var late = await LateWriter.BeginAsync(harness);
        await late.UpsertAsync("late-3", new { city = "resurrected" });
        var deleteId = await harness.DeleteAsync("late-3");
        await WaitForStateAsync(harness, deleteId, "succeeded");

        await late.CommitAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertInvariantsAsync(harness);
        Assert.False((await harness.SimulatorProfilesAsync()).ContainsKey("late-3"));
    }

    [Theory]
    [MemberData(nameof(UpsertTransports.All), MemberType = typeof(UpsertTransports))]
    public async Task Late_commits_for_many_contacts_at_once_end_with_the_fold_in_id_order(string transport)
    {
        await using var harness = await StartAsync(transport);
        var random = new Random(12);
        string[] names = ["email", "city"];
        await using var late = await LateWriter.BeginAsync(harness);
        for (var i = 0; i < 40; i++)
        {
            var key = $"many-{random.Next(10)}";
            if (random.Next(5) == 0)
            {
                await late.DeleteAsync(key);
            }
            else
            {
                await late.UpsertAsync(key, new Dictionary<string, string> { [names[random.Next(2)]] = Value(i, "late") });
            }
        }

        for (var i = 0; i < 10; i++)
        {
            await harness.UpsertAsync($"many-{i}", new Dictionary<string, string> { [names[random.Next(2)]] = Value(i, "new") });
        }

        // Sent: under Bulk and Single a call's rows are final once it answers, so the first may be final before the last is sent.
        await harness.WaitUntilAsync("every committed row sent", "select count(*) = 10 from campaign_sync.outbox where state in ('in_flight', 'succeeded')", Patience);

        await late.CommitAsync();
        await harness.WaitUntilAllFinalAsync(Patience);

        await AssertInvariantsAsync(harness);

        // One value shape fits every attribute of the default profile: an e-mail address is also a valid city.
        static string Value(int i, string tag) => $"{tag}.{i}@mail.example";
    }

    // Each write takes 2 s inside the simulator, so a test can commit while it is unfinished and the overlap counter sees
    // any other write of its contact meanwhile: the async request's processing, or a call answered at once (a delete; a
    // Bulk or Single upsert).
    private async Task<PipelineHarness> StartAsync(string transport) =>
        await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            new SimulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(2), WriteCallDuration = TimeSpan.FromSeconds(2) },
            workers: 1, UpsertTransports.Settings(transport, new Dictionary<string, string?> { ["Batching:MaxRecords"] = "20" }));

    private static async Task AssertInvariantsAsync(PipelineHarness harness)
    {
        Assert.Equal(0, await harness.SimulatorStatAsync("overlapping_key_requests"));
        await ReferenceFold.AssertMatchesAsync(harness);
        await harness.AssertOneFinalOutcomePerRowAsync();
    }

    private static Task WaitForStateAsync(PipelineHarness harness, long id, params string[] states) =>
        harness.WaitUntilAsync($"row {id} {string.Join(" or ", states)}",
            $"select state in ({string.Join(", ", states.Select(s => $"'{s}'"))}) from campaign_sync.outbox where id = {id}", Patience);

    // The newer row is on the wire for the simulator's 2 s call; a test process stalled longer than that finds it already
    // applied, which still puts the late row beneath a row that was sent.
    private static Task WaitForSentAsync(PipelineHarness harness, long id) => WaitForStateAsync(harness, id, "in_flight", "succeeded");

    /// <summary>A writer whose transaction takes its ids now and commits when the test says so.</summary>
    private sealed class LateWriter : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly NpgsqlTransaction _transaction;

        private LateWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
        {
            _connection = connection;
            _transaction = transaction;
        }

        public static async Task<LateWriter> BeginAsync(PipelineHarness harness)
        {
            var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
            return new LateWriter(connection, await connection.BeginTransactionAsync(TestContext.Current.CancellationToken));
        }

        public Task<long> UpsertAsync(string key, object attributes) => InsertAsync(key, "upsert", JsonSerializer.Serialize(attributes));

        public Task<long> DeleteAsync(string key) => InsertAsync(key, "delete", "{}");

        public Task<long> InsertAsync(string key, string operation, string attributesJson) => _connection.ExecuteScalarAsync<long>(
            "insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes) values ('contacts', @key, @operation, @attributesJson::jsonb) returning id",
            new { key, operation, attributesJson }, _transaction);

        public Task CommitAsync() => _transaction.CommitAsync(TestContext.Current.CancellationToken);

        public async ValueTask DisposeAsync()
        {
            await _transaction.DisposeAsync();
            await _connection.DisposeAsync();
        }
    }
}
