using System.Net;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class DeleteTests
{
    [Fact]
    public async Task Delete_of_existing_profile_answers_transaction_id_and_removes_it()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("k1", """{"attribute-name":"email","val":"a@x"}""");

        var (status, body) = await sim.DeleteAsync("k1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(body["transaction-id"]!.GetValue<string>()));
        Assert.Null(body["code"]);
        Assert.Null(await sim.FindAsync("k1"));
    }

    [Fact]
    public async Task Two_delete_calls_for_one_key_at_once_count_as_overlapping()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { WriteCallDuration = TimeSpan.FromSeconds(2) });

        await Task.WhenAll(sim.DeleteAsync("k1"), sim.DeleteAsync("k1"));

        Assert.Equal(1, (await sim.GetStatsAsync())["overlapping_key_requests"]!.GetValue<long>());
    }

    [Fact]
    public async Task An_async_upsert_accepted_while_a_delete_call_of_its_key_runs_counts_as_overlapping()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions
        {
            WriteCallDuration = TimeSpan.FromSeconds(5),
            ProcessingDelay = TimeSpan.Zero,
        });
        var delete = sim.DeleteAsync("k1");

        // Upserts of the key, one after another, until one lands while the delete call is inside the service.
        long overlaps = 0;
        while (overlaps == 0 && !delete.IsCompleted)
        {
            await sim.WaitForDoneAsync(await sim.SubmitAndGetRequestIdAsync("key,email\r\nk1,a@x\r\n"));
            overlaps = (await sim.GetStatsAsync())["overlapping_key_requests"]!.GetValue<long>();
        }

        await delete;
        Assert.Equal(1, overlaps);
    }

    [Fact]
    public async Task Delete_of_missing_profile_answers_200_with_1020()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.DeleteAsync("never-existed");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1020", body["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_with_unknown_profile_name_answers_102()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.DeleteAsync("k1", profile: "nope");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("102", body["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_without_key_answers_500_with_1001()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.PostAsync(SimulatorClient.DeletePath, """{"profile-name":"contacts"}""");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("1001", body["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_of_key_matching_a_failure_rule_answers_the_rule_code_and_keeps_the_profile()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("locked-1", "");
        sim.Host.Options.KeyFailureRules = [new KeyFailureRule("^locked-", "499", "Request failed")];

        var (status, body) = await sim.DeleteAsync("locked-1");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("499", body["code"]!.GetValue<string>());
        Assert.Equal("Request failed", body["description"]!.GetValue<string>());
        Assert.NotNull(await sim.FindAsync("locked-1"));
    }
}
