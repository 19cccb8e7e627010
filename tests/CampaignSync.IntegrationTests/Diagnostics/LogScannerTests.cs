using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;

namespace CampaignSync.IntegrationTests.Diagnostics;

/// <summary>The suite log's scanner finds what it is there to find, and leaves the ordinary text of a log alone.</summary>
[Trait("Category", "Reliability")]
public sealed class LogScannerTests
{
    private const string ApiKey = "planted-api-key-3e9d41";

    private static readonly LogScanner Scanner = new([ApiKey, PipelineHarness.OperatorPassword]);

    [Theory]
    [InlineData("Information CampaignSync.Outcomes[12] outcome for ada.lovelace@mail.example written", "e-mail")]
    [InlineData("Debug Npgsql.Command parameters: {\"email\": \"Grace.Hopper+news@sub.mail.example.org\"}", "e-mail")]
    [InlineData("Trace CampaignSync.Campaign[3] record phone=+4799912345 sent", "phone number")]
    [InlineData("{\"Message\":\"phone \\u002B14155550123 in a JSON console line\"}", "phone number")]
    [InlineData("Trace System.Net.Http.HttpClient[102] Authorization: Bearer eyJhbGciOi.J9x-_y", "bearer token")]
    [InlineData("Debug CampaignSync.Campaign[7] retrying with key PLANTED-API-KEY-3E9D41", "configured secret")]
    [InlineData("Warning Dashboard sign-in failed for password operator-password-for-tests", "configured secret")]
    [InlineData("Information Microsoft.AspNetCore.Hosting.Diagnostics[1] Request starting HTTP/1.1 GET http://127.0.0.1:41234/hangfire/campaign-sync/contact?profile=contacts&key=ada.lovelace%40mail.example - - -", "e-mail")]
    [InlineData("Information Microsoft.AspNetCore.Hosting.Diagnostics[2] Request finished HTTP/1.1 GET http://127.0.0.1:41234/hangfire/campaign-sync/contact?key=%2B4799912345 - 200", "phone number")]
    [InlineData("Debug Microsoft.AspNetCore.Routing.EndpointMiddleware[0] path /contact/ada.lovelace%2540mail.example", "e-mail")]
    public void A_planted_value_is_flagged(string line, string kind)
    {
        var leaks = Scanner.Scan(line, 42, "worker-host #1");

        var leak = Assert.Single(leaks);
        Assert.Equal(kind, leak.Kind);
        Assert.Equal(42, leak.LineNumber);
    }

    [Theory]
    [InlineData("Information Microsoft.Hosting.Lifetime[14] Now listening on: http://127.0.0.1:41234")]
    [InlineData("{\"Timestamp\":\"2026-11-26T10:00:00.123+00:00\",\"Message\":\"Batch 17 submitted: 100 records, request 5f1e-9a\"}")]
    [InlineData("Debug CampaignSync.Outbox[2] claimed 250 rows of 120 contacts, fence 9, lease until +00:00:05")]
    [InlineData("Trace Hangfire.Server.Worker[0] campaign_sync_hangfire job 1234567890 of queue campaign-poll")]
    [InlineData("Information CampaignSync.Outcomes[5] attribute v123456 of contact-42 (1 of +3 retries)")]
    [InlineData("Information Microsoft.AspNetCore.Hosting.Diagnostics[1] Request starting HTTP/1.1 GET http://127.0.0.1:41234/hangfire/campaign-sync/contact?row=1234 - - -")]
    [InlineData("Information CampaignSync.Outcomes[5] 100% of 40 rows, 3%off")]
    public void An_ordinary_line_is_clean(string line) => Assert.Empty(Scanner.Scan(line));
}
