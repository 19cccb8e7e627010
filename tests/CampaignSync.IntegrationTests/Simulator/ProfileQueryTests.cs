using System.Net;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class ProfileQueryTests
{
    [Fact]
    public async Task Get_profile_returns_stored_attributes_by_key()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("k1", """{"attribute-name":"email","val":"a@x"}""");

        var (status, body) = await sim.PostAsync("/campaignapi/resources/v3/profile/get", """{"profile-id":"1","key":"k1"}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("k1", body["key"]!.GetValue<string>());
        var attribute = Assert.Single(body["attributes"]!.AsArray());
        Assert.Equal("email", attribute!["attribute-name"]!.GetValue<string>());
        Assert.Equal("a@x", attribute["val"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_profile_of_missing_key_answers_1020()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (_, body) = await sim.PostAsync("/campaignapi/resources/v3/profile/get", """{"profile-id":"1","key":"nope"}""");

        Assert.Equal("1020", body["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Metadata_lists_profiles_with_attributes()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.GetAsync("/campaignapi/metadata/v3/profile");
        var (_, single) = await sim.GetAsync("/campaignapi/metadata/v3/profile/2");
        var (_, unknown) = await sim.GetAsync("/campaignapi/metadata/v3/profile/99");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["contacts", "companies"], body.AsArray().Select(p => p!["profile-name"]!.GetValue<string>()));
        Assert.Contains(body[0]!["attributes"]!.AsArray(), a => a!["name"]!.GetValue<string>() == "company-id");
        Assert.Equal("companies", single["profile-name"]!.GetValue<string>());
        Assert.Equal("3005", unknown["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Profile_id_and_name_of_different_profiles_answer_7031()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (_, body) = await sim.PostAsync(SimulatorClient.ProfilePath, """{"profile-name":"contacts","profile-id":"2","key":"k1"}""");

        Assert.Equal("7031", body["code"]!.GetValue<string>());
    }
}
