using CampaignSync.Campaign;
using CampaignSync.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.IntegrationTests.Replicas;

/// <summary>The shared rate budget's statements against a real database, with two budgets standing for two replicas.</summary>
[Trait("Category", "Operations")]
public sealed class PostgresRateBudgetTests(PostgresFixture server)
{
    private const int Rate = 20;

    [Fact]
    public async Task Two_replicas_take_their_slots_from_one_queue_at_the_tenant_rate()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        ICampaignRateBudget[] replicas = [Budget(dataSource), Budget(dataSource)];

        // Each slot's time on one clock: when its reservation returned plus its wait (off by a round trip at most).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var slots = new List<double>();
        for (var i = 0; i < 3 * Rate; i++)
        {
            var slot = await replicas[i % 2].ReserveAsync(TestContext.Current.CancellationToken);
            slots.Add(clock.Elapsed.TotalSeconds + slot.Wait.TotalSeconds);
        }

        // One queue, whichever replica asks: each slot after the one before (the spacing is 37.5 ms), and 60 slots at
        // 20 a second span over 2 s. The clock here is off by each reservation's way back, so a stall of the test's
        // process longer than the 27.5 ms of slack puts a gap at zero now and then; two queues, one a replica, put
        // every second slot beside the one before (about 30 gaps near zero).
        var gaps = slots.Zip(slots.Skip(1), (a, b) => b - a).ToList();
        Assert.True(gaps.Count(g => g <= 0.01) <= 2, $"Slots not after the one before: {string.Join(", ", gaps)}");
        Assert.True(slots[^1] - slots[0] >= 2.0, $"60 slots of a 20-a-second budget spanned {slots[^1] - slots[0]} s.");
    }

    [Fact]
    public async Task A_retry_after_heard_by_one_replica_holds_the_other()
    {
        await using var dataSource = NpgsqlDataSource.Create(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        var first = Budget(dataSource);
        var second = Budget(dataSource);
        await first.ReserveAsync(TestContext.Current.CancellationToken);

        await first.HoldOffAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        var slot = await second.ReserveAsync(TestContext.Current.CancellationToken);

        Assert.InRange(slot.Wait.TotalSeconds, 4.5, 6.0);
        Assert.True(slot.Latest > slot.Wait, $"The slot's latest start {slot.Latest} is before its start {slot.Wait}.");
    }

    private static PostgresRateBudget Budget(NpgsqlDataSource dataSource) => new(dataSource,
        Options.Create(new CampaignOptions { BaseUrl = "https://tenant.example.test/", RequestsPerSecond = Rate }));
}
