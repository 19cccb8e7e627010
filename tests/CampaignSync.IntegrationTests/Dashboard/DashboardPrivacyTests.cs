using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Dashboard;

/// <summary>
/// No profile key, e-mail, phone or Campaign description in any dashboard URL (issue 15): pages link to failure
/// groups and contacts by row id, the contact search is a POST, and ASP.NET Core's own request lines, captured at
/// Trace level, hold nothing the log scanner flags.
/// </summary>
[Trait("Category", "Operations")]
public sealed partial class DashboardPrivacyTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Key = "ada.lovelace@mail.example";
    private const string Description = "Invalid email address";

    [Fact]
    public async Task Dashboard_links_carry_row_ids_only_the_contact_search_is_a_POST_and_request_lines_hold_no_personal_data()
    {
        var capture = new CapturingLoggerProvider();
        var options = new SimulatorOptions { KeyFailureRules = [new KeyFailureRule("^(ada|grace)", "1001", Description)] };
        await using var harness = await PipelineHarness.StartAsync(database.ConnectionString, options, workers: 0);
        await harness.UpsertAsync(Key, new { email = Key });
        await harness.UpsertAsync("grace.hopper@mail.example", new { email = "grace.hopper@mail.example" });
        await harness.UpsertAsync("c-1", new { email = "c1@example.com" });
        await harness.StartWorkerAsync(configure: builder => builder.Logging.AddProvider(capture).AddFilter<CapturingLoggerProvider>(null, LogLevel.Trace));
        await harness.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(2));
        using var http = Operator(harness);

        var failures = await PageAsync(http, "/hangfire/campaign-sync/failures");
        var groupLink = Assert.Single(Links(failures), l => l.Contains("/campaign-sync/failures/group", StringComparison.Ordinal));
        Assert.Matches(@"/campaign-sync/failures/group\?row=\d+$", groupLink);
        var group = await PageAsync(http, groupLink);
        var contactLinks = Links(group).Where(l => l.Contains("/campaign-sync/contact?", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, contactLinks.Count);
        Assert.All(contactLinks, l => Assert.Matches(@"/campaign-sync/contact\?row=\d+$", l));
        var timeline = await PageAsync(http, contactLinks[0]);
        Assert.Contains("campaign-sync-timeline", timeline, StringComparison.Ordinal);
        var requests = await PageAsync(http, "/hangfire/campaign-sync/requests");
        var request = await PageAsync(http, Links(requests).First(l => RequestLink().IsMatch(l)));

        var search = await PageAsync(http, "/hangfire/campaign-sync/contact");
        Assert.Matches("<form method=\"post\"[^>]*campaign-sync-contact-search", search);
        using var found = await http.PostAsync("/hangfire/campaign-sync/contact", new FormUrlEncodedContent(
        [
            new("profile", "contacts"), new("key", Key), new("__RequestVerificationToken", FormToken(search)),
        ]), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains("campaign-sync-timeline", await found.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var everyLink = new[] { failures, group, timeline, requests, request, search }.SelectMany(Links).ToList();
        var unclean = everyLink.Where(l => !IsClean(l)).ToList();
        Assert.True(unclean.Count == 0, $"dashboard links with a key, code or description: {string.Join(" ", unclean)}");
        var requestLines = capture.Entries.Where(e => e.Category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(requestLines);
        var scanner = new LogScanner([]);
        var leaks = capture.Entries.SelectMany(e => scanner.Scan($"{e.Level} {e.Category}[{e.EventId}] {e.Text}")).ToList();
        Assert.True(leaks.Count == 0, $"personal data in the worker's logs: {string.Join("; ", leaks)}");
    }

    /// <summary>A dashboard URL may carry ids and paging, never a key, an e-mail, a phone number or a description.</summary>
    private static bool IsClean(string link)
    {
        var decoded = Uri.UnescapeDataString(link);
        return !decoded.Contains('@', StringComparison.Ordinal) && !decoded.Contains("key=", StringComparison.Ordinal)
            && !decoded.Contains("description=", StringComparison.Ordinal) && !decoded.Contains(Description, StringComparison.Ordinal)
            && !decoded.Contains("code=", StringComparison.Ordinal);
    }

    private static HttpClient Operator(PipelineHarness harness)
    {
        var http = new HttpClient { BaseAddress = PipelineHarness.AddressOf(harness.Workers[0]) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{PipelineHarness.OperatorPassword}")));
        return http;
    }

    private static async Task<string> PageAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {response.StatusCode}");
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>The Campaign Sync links of a page (its hrefs and form actions), HTML-decoded.</summary>
    private static IEnumerable<string> Links(string html) =>
        Link().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value)).Where(u => u.Contains("/campaign-sync", StringComparison.Ordinal));

    private static string FormToken(string html) =>
        WebUtility.HtmlDecode(FormTokenField().Match(html) is { Success: true } match
            ? match.Groups["value"].Value
            : throw new InvalidOperationException("The contact search form has no antiforgery field"));

    [GeneratedRegex("(?:href|action|formaction)=\"(?<url>[^\"]*)\"")]
    private static partial Regex Link();

    [GeneratedRegex(@"/campaign-sync/requests/\d+$")]
    private static partial Regex RequestLink();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex FormTokenField();
}
