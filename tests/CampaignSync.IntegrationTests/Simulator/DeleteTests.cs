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
