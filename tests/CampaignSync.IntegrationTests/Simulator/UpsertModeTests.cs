using System.Net;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class UpsertModeTests
{
    private const string Email = """{"attribute-name":"email","val":"a@example.test"}""";
    private const string City = """{"attribute-name":"city","val":"Lyon"}""";
    private const string NewEmail = """{"attribute-name":"email","val":"b@example.test"}""";

    [Fact]
    public async Task Sync_upsert_mode_0_creates_a_missing_profile()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.UpsertAsync("k1", Email, upsert: "0");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body["update-count"]!.GetValue<long>());
        Assert.False(string.IsNullOrEmpty(body["transaction-id"]!.GetValue<string>()));
        Assert.Equal("a@example.test", (await sim.FindAsync("k1"))!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_upsert_mode_0_leaves_an_existing_profile_unchanged()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("k1", Email);

        var (_, body) = await sim.UpsertAsync("k1", NewEmail, upsert: "0");

        Assert.Equal(0, body["update-count"]!.GetValue<long>());
        Assert.Equal("a@example.test", (await sim.FindAsync("k1"))!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_upsert_mode_1_overwrites_given_attributes_and_keeps_the_others()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("k1", $"{Email},{City}");

        var (_, body) = await sim.UpsertAsync("k1", NewEmail, upsert: "1");

        Assert.Equal(1, body["update-count"]!.GetValue<long>());
        var stored = (await sim.FindAsync("k1"))!;
        Assert.Equal("b@example.test", stored["email"]!.GetValue<string>());
        Assert.Equal("Lyon", stored["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Sync_upsert_mode_2_does_not_create_a_missing_profile()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.UpsertAsync("k1", Email, upsert: "2");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body["update-count"]!.GetValue<long>());
        Assert.Null(await sim.FindAsync("k1"));
    }

    [Fact]
    public async Task Sync_upsert_mode_2_updates_an_existing_profile()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("k1", Email);

        var (_, body) = await sim.UpsertAsync("k1", NewEmail, upsert: "2");

        Assert.Equal(1, body["update-count"]!.GetValue<long>());
        Assert.Equal("b@example.test", (await sim.FindAsync("k1"))!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Async_upsert_mode_2_updates_existing_and_skips_missing_without_error_file()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("k1", Email);

        var requestId = await sim.SubmitAndGetRequestIdAsync($"key,email{SimulatorClient.Crlf}k1,new@x{SimulatorClient.Crlf}k2,other@x{SimulatorClient.Crlf}", upsert: "2");
        var done = await sim.WaitForDoneAsync(requestId);

        Assert.Equal(1, done["update-count"]!.GetValue<long>());
        Assert.Null(done["error-file"]);
        Assert.Equal("new@x", (await sim.FindAsync("k1"))!["email"]!.GetValue<string>());
        Assert.Null(await sim.FindAsync("k2"));
    }

    [Fact]
    public async Task Upsert_with_unknown_profile_name_answers_3005()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.UpsertAsync("k1", Email, profile: "nope");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("3005", body["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upsert_with_unknown_attribute_or_missing_key_answers_1001_and_stores_nothing()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (_, unknown) = await sim.UpsertAsync("k1", """{"attribute-name":"shoe-size","val":"42"}""");
        var (_, noKey) = await sim.PostAsync(SimulatorClient.ProfilePath, """{"profile-name":"contacts","attributes":[]}""");
        var (_, notJson) = await sim.PostAsync(SimulatorClient.ProfilePath, "{not json");
        var (_, numberSwitch) = await sim.PostAsync(SimulatorClient.ProfilePath, """{"profile-name":"contacts","key":"k1","upsert":1}""");

        Assert.All([unknown, noKey, notJson, numberSwitch], body => Assert.Equal("1001", body["code"]!.GetValue<string>()));
        Assert.Empty(await sim.GetProfilesAsync());
    }

    [Fact]
    public async Task Upsert_value_longer_than_max_answers_1001()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { MaxValueLength = 5 });

        var (_, body) = await sim.UpsertAsync("k1", """{"attribute-name":"city","val":"Marseille"}""");

        Assert.Equal("1001", body["code"]!.GetValue<string>());
    }
}
