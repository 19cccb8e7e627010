using System.Net;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class UpdateLinkTests
{
    private const string CompanyLink = """{"attribute-name":"company-id","val":"c1"}""";

    [Fact]
    public async Task Update_link_1_updates_contact_without_creating_the_company()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (_, body) = await sim.UpsertAsync("k1", CompanyLink, updateLink: "1");

        Assert.Equal(1, body["update-count"]!.GetValue<long>());
        Assert.Equal("c1", (await sim.FindAsync("k1"))!["company-id"]!.GetValue<string>());
        Assert.Empty(await sim.GetProfilesAsync("companies"));
    }

    [Fact]
    public async Task Update_link_2_creates_an_empty_company_then_updates_contact()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (_, body) = await sim.UpsertAsync("k1", CompanyLink, updateLink: "2");

        Assert.Equal(1, body["update-count"]!.GetValue<long>());
        Assert.NotNull(await sim.FindAsync("k1"));
        var company = Assert.Single(await sim.GetProfilesAsync("companies"));
        Assert.Equal("c1", company!["key"]!.GetValue<string>());
        Assert.Empty(company["attributes"]!.AsObject());
    }

    [Fact]
    public async Task Update_link_2_keeps_an_existing_company_unchanged()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("c1", """{"attribute-name":"name","val":"Acme"}""", profile: "companies");

        await sim.UpsertAsync("k1", CompanyLink, updateLink: "2");

        Assert.Equal("Acme", (await sim.FindAsync("c1", "companies"))!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Update_link_3_fails_the_record_when_the_company_is_missing()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.UpsertAsync("k1", CompanyLink, updateLink: "3");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("3006", body["code"]!.GetValue<string>());
        Assert.Null(await sim.FindAsync("k1"));
        Assert.Empty(await sim.GetProfilesAsync("companies"));
    }

    [Fact]
    public async Task Update_link_3_updates_contact_when_the_company_exists()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("c1", """{"attribute-name":"name","val":"Acme"}""", profile: "companies");

        var (_, body) = await sim.UpsertAsync("k1", CompanyLink, updateLink: "3");

        Assert.Equal(1, body["update-count"]!.GetValue<long>());
        Assert.NotNull(await sim.FindAsync("k1"));
    }

    [Fact]
    public async Task Async_update_link_3_reports_missing_company_in_error_file()
    {
        await using var sim = await SimulatorClient.StartAsync();
        await sim.UpsertAsync("c1", """{"attribute-name":"name","val":"Acme"}""", profile: "companies");
        var crlf = SimulatorClient.Crlf;

        var requestId = await sim.SubmitAndGetRequestIdAsync($"key,company-id{crlf}k1,c1{crlf}k2,c2{crlf}", updateLink: "3");
        var done = await sim.WaitForDoneAsync(requestId);

        Assert.Equal(1, done["update-count"]!.GetValue<long>());
        var errors = await sim.GetTextAsync(done["error-file"]!.GetValue<string>());
        Assert.StartsWith($"Code,Description,Index{crlf}3006,\"", errors, StringComparison.Ordinal);
        Assert.EndsWith($"\",2{crlf}", errors, StringComparison.Ordinal);
        Assert.Null(await sim.FindAsync("k2"));
    }
}
