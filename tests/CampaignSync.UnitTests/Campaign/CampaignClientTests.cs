using System.Net;
using System.Text.Json;
using CampaignSync.Campaign;

namespace CampaignSync.UnitTests.Campaign;

public sealed partial class CampaignClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Submit_posts_the_documented_fields_as_strings()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"request-id":"r-1","transaction-id":"t-1"}""");

        await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.Batch(new UpsertRecord("k1", ["a@example.test", "Ann"])), Token);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"{CampaignClientHarness.BaseUrl}/campaignapi/resources/v3/profile", request.Uri.ToString());
        Assert.Equal($"Bearer {CampaignClientHarness.PrimaryKey}", request.Authorization);
        Assert.Equal("application/json", request.ContentType);
        using var json = JsonDocument.Parse(request.Body);
        var fields = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["profile-name", "upsert", "update-link", "exparam1", "exparam2", "sync", "file"], fields);
        Assert.All(json.RootElement.EnumerateObject(), p => Assert.Equal(JsonValueKind.String, p.Value.ValueKind));
        Assert.Equal("Customers", json.RootElement.GetProperty("profile-name").GetString());
        Assert.Equal("1", json.RootElement.GetProperty("upsert").GetString());
        Assert.Equal("2", json.RootElement.GetProperty("update-link").GetString());
        Assert.Equal("crm", json.RootElement.GetProperty("exparam1").GetString());
        Assert.Equal("nightly", json.RootElement.GetProperty("exparam2").GetString());
        Assert.Equal("2", json.RootElement.GetProperty("sync").GetString());
    }

    [Fact]
    public async Task Submit_sends_the_records_as_crlf_csv_with_rfc4180_quoting()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"request-id":"r-1"}""");
        var batch = CampaignClientHarness.Batch(
            new("k1", ["a@example.test", "Ann"]),
            new("k,2", ["b@example.test", "Say \"hi\""]),
            new("k3", [null, "line\nbreak"]));

        await harness.Client.SubmitUpsertBatchAsync(batch, Token);

        using var json = JsonDocument.Parse(Assert.Single(harness.Handler.Requests).Body);
        Assert.Equal(
            "key,EMAIL,FIRST_NAME\r\nk1,a@example.test,Ann\r\n\"k,2\",b@example.test,\"Say \"\"hi\"\"\"\r\nk3,,\"line\nbreak\"\r\n",
            json.RootElement.GetProperty("file").GetString());
    }

    [Fact]
    public async Task Submit_returns_the_request_id_on_success()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, """{"request-id":"r-42","transaction-id":"t-1"}""");

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);

        Assert.Equal(CampaignOutcomeKind.Success, reply.Kind);
        Assert.Equal("r-42", reply.Value);
    }

    [Theory]
    [InlineData("""{"code":7031,"description":"Profile id and name do not match"}""")]
    [InlineData("""{"code":"7031","description":"Profile id and name do not match"}""")]
    public async Task Submit_reads_the_code_as_number_or_string(string body)
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(HttpStatusCode.OK, body);

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);

        Assert.Equal(CampaignOutcomeKind.PermanentFailure, reply.Kind);
        Assert.Equal("7031", reply.Code);
        Assert.Equal("Profile id and name do not match", reply.Description);
    }

    [Fact]
    public async Task Submit_is_not_resent_after_an_attempt_timeout_and_is_ambiguous()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.Hang();

        var call = harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);
        await harness.Handler.NextRequestAsync();
        harness.Time.Advance(CampaignDefaults.AttemptTimeout);
        var reply = await call;

        Assert.Equal(CampaignOutcomeKind.Ambiguous, reply.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    [Fact]
    public async Task Submit_is_not_resent_after_http_503_without_a_body_code()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerText(HttpStatusCode.ServiceUnavailable, "<html>gateway</html>");

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);

        Assert.Equal(CampaignOutcomeKind.Ambiguous, reply.Kind);
        Assert.Equal("503", reply.Code);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, """{"code":"1010","description":"Request not processed"}""")]
    [InlineData(HttpStatusCode.OK, """{"code":499,"description":"Request failed"}""")]
    [InlineData(HttpStatusCode.InternalServerError, """{"code":"500","description":"Internal error"}""")]
    [InlineData(HttpStatusCode.TooManyRequests, """{"code":"429"}""")]
    public async Task Submit_is_resent_after_an_answer_that_proves_refusal(HttpStatusCode status, string body)
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerJson(status, body).AnswerJson(HttpStatusCode.OK, """{"request-id":"r-2"}""");

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);

        Assert.Equal("r-2", reply.Value);
        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Submit_is_resent_when_the_connection_was_refused_before_sending()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler
            .Throw(new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused"))
            .AnswerJson(HttpStatusCode.OK, """{"request-id":"r-3"}""");

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);

        Assert.Equal("r-3", reply.Value);
    }

    [Fact]
    public async Task Submit_is_ambiguous_when_the_connection_broke_after_sending()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.Throw(new HttpRequestException(HttpRequestError.ResponseEnded, "Connection reset"));

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);

        Assert.Equal(CampaignOutcomeKind.Ambiguous, reply.Kind);
        Assert.Single(harness.Handler.Requests);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"transaction-id":"t-1"}""")]
    public async Task Submit_is_ambiguous_when_a_200_answer_has_no_readable_request_id(string body)
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerText(HttpStatusCode.OK, body);

        var reply = await harness.Client.SubmitUpsertBatchAsync(CampaignClientHarness.OneRecordBatch(), Token);

        Assert.Equal(CampaignOutcomeKind.Ambiguous, reply.Kind);
        Assert.Single(harness.Handler.Requests);
    }
}
