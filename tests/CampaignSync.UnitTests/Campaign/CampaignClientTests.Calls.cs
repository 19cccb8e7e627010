using System.Net;
using System.Text.Json;
using CampaignSync.Campaign;

namespace CampaignSync.UnitTests.Campaign;

public sealed partial class CampaignClientTests
{
    [Fact]
    public async Task Delete_posts_one_key_with_profile_name_and_exparams()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"transaction-id":"t-1"}""");

        var reply = await harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", ["crm"]), Token);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{CampaignClientHarness.BaseUrl}/campaignapi/resources/v3/delete", request.Uri.ToString());
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(["profile-name", "key", "exparam1"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("k1", json.RootElement.GetProperty("key").GetString());
        Assert.Equal("t-1", reply.Value);
    }

    [Fact]
    public async Task Delete_counts_1020_as_success_because_the_profile_is_already_gone()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"code":1020,"description":"Contact profile not found"}""");

        var reply = await harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", []), Token);

        Assert.Equal(CampaignOutcomeKind.Success, reply.Kind);
        Assert.Equal("1020", reply.Code);
    }

    [Fact]
    public async Task Delete_fails_permanently_on_1001_even_with_http_500()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.InternalServerError, """{"code":"1001","description":"Invalid input JSON"}""");

        var reply = await harness.Client.DeleteProfileAsync(new ProfileDelete("Customers", "k1", []), Token);

        Assert.Equal(CampaignOutcomeKind.PermanentFailure, reply.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Status_with_1010_is_a_successful_call_that_is_not_done()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"code":"1010","description":"Request not processed"}""");

        var reply = await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal(CampaignOutcomeKind.Success, reply.Kind);
        Assert.Equal(new QueryStatus(IsDone: false, UpdateCount: null, ErrorFile: null), reply.Value);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData("""{"update-count":998,"error-file":"/files/r-1.csv"}""")]
    [InlineData("""{"update-count":"998","error-file":"/files/r-1.csv"}""")]
    public async Task Status_when_done_reads_the_update_count_as_number_or_string_and_the_error_file(string body)
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, body);

        var reply = await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal(new QueryStatus(IsDone: true, UpdateCount: 998, ErrorFile: "/files/r-1.csv"), reply.Value);
    }

    [Fact]
    public async Task Status_gets_the_configured_path_with_the_request_id_escaped()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"update-count":1}""");

        await harness.Client.GetQueryStatusAsync("r 1/2", Token);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("/campaignapi/resources/v3/profilequerystatus/r%201%2F2", request.Uri.AbsolutePath);
    }

    [Fact]
    public async Task Status_keeps_a_path_prefix_of_the_base_url()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:BaseUrl"] = "https://gw.example.test/tenant-a/" });
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"update-count":1}""");

        await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal("https://gw.example.test/tenant-a/campaignapi/resources/v3/profilequerystatus/r-1", Assert.Single(harness.Handler.Requests).Uri.ToString());
    }

    [Fact]
    public async Task Status_with_a_permanent_code_is_a_permanent_failure()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"code":"3005","description":"Invalid profile id"}""");

        var reply = await harness.Client.GetQueryStatusAsync("r-1", Token);

        Assert.Equal(CampaignOutcomeKind.PermanentFailure, reply.Kind);
        Assert.Null(reply.Value);
    }
}
