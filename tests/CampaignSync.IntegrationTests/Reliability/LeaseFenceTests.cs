using System.Diagnostics.Metrics;
using CampaignSync.Batching;
using CampaignSync.Diagnostics;
using CampaignSync.Folding;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Outbox;
using CampaignSync.Outcomes;
using CampaignSync.Submission;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.IntegrationTests.Reliability;

/// <summary>A slow replica whose lease ran out can neither send its stale claim nor write back late.</summary>
[Trait("Category", "Reliability")]
public sealed class LeaseFenceTests(PostgresFixture server)
{
    private static readonly CampaignSyncMetrics Metrics = new(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task A_claim_whose_lease_expired_is_refused_when_it_tries_to_send()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        var outbox = new OutboxStore(dataSource, Metrics, Options.Create(new OutboxOptions()));
        var batches = new BatchStore(dataSource);
        var id = await InsertAsync(dataSource, "fence-1");

        var slow = await outbox.ClaimAsync(ClaimCursor.Start, 10, 10, TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        await WaitUntilLeaseEndedAsync(dataSource, "fence-1");
        await outbox.ExpireLeasesAsync(TestContext.Current.CancellationToken);
        var fast = await outbox.ClaimAsync(ClaimCursor.Start, 10, 10, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        var stale = await batches.CreateAsync(Plan(id, "fence-1"), new ClaimTicket("slow-replica", slow[0].Fence), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var fresh = await batches.CreateAsync(Plan(id, "fence-1"), new ClaimTicket("fast-replica", fast[0].Fence), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.NotEqual(slow[0].Fence, fast[0].Fence);
        Assert.Null(stale);
        Assert.NotNull(fresh);
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.batch"));
    }

    [Fact]
    public async Task A_late_write_back_after_the_request_expired_changes_nothing()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        var outbox = new OutboxStore(dataSource, Metrics, Options.Create(new OutboxOptions()));
        var batches = new BatchStore(dataSource);
        var outcomes = new OutcomeStore(dataSource, Options.Create(new OutboxOptions()), Metrics);
        var id = await InsertAsync(dataSource, "late-1");
        var claim = await outbox.ClaimAsync(ClaimCursor.Start, 10, 10, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var batchId = (await batches.CreateAsync(Plan(id, "late-1"), new ClaimTicket("replica", claim[0].Fence), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken))!.Value;
        await batches.MarkSubmittedAsync(batchId, "request-1", TimeSpan.Zero, TestContext.Current.CancellationToken);
        string[] open = ["submitted", "polling"];
        await outcomes.FinishAsync(batchId, open, BatchVerdict.All("expired", "expired", "deadline", retryable: true), BatchFacts.None, TestContext.Current.CancellationToken);

        var late = await outcomes.FinishAsync(batchId, open, new BatchVerdict("completed", []), BatchFacts.None, TestContext.Current.CancellationToken);

        Assert.False(late);
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal("pending", await connection.ExecuteScalarAsync<string>("select state from campaign_sync.outbox where id = @id", new { id }));
        Assert.Equal("expired", await connection.ExecuteScalarAsync<string>("select state from campaign_sync.batch where id = @batchId", new { batchId }));
    }

    private static PlannedBatch Plan(long id, string key) => new("contacts", ChangeOperation.Upsert, 1, 2, [], ["email"],
        [new ContactOperation("contacts", key, ChangeOperation.Upsert, 1, 2, [], new Dictionary<string, string?> { ["email"] = "a@example.com" }, [id])]);

    private static async Task<long> InsertAsync(NpgsqlDataSource dataSource, string key)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "select campaign_sync.enqueue_upsert('contacts', @key, '{\"email\": \"a@example.com\"}')", new { key });
    }

    private static async Task WaitUntilLeaseEndedAsync(NpgsqlDataSource dataSource, string key) =>
        await Eventually.UntilAsync($"the lease of the hold on {key} to end", async token =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(token);
            return await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "select format('lease until %s, now %s', lease_until, now()) || case when lease_until < now() then ' (ended)' else '' end from campaign_sync.contact_hold where profile_key = @key",
                new { key }, cancellationToken: token));
        }, lease => lease!.EndsWith("(ended)", StringComparison.Ordinal), TimeSpan.FromMinutes(2));
}
