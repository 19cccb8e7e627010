using CampaignSync.IntegrationTests.Infrastructure;

namespace CampaignSync.IntegrationTests.Diagnostics;

/// <summary>
/// Issue 7, security: no key, token, phone number or e-mail in any log at any level during the whole suite. Runs
/// after every other test (<see cref="SuiteLogScanRuns"/>) and scans <see cref="SuiteLog"/>: the Trace-level logs of
/// every worker host and simulator the tests started in-process and the output of every worker child process. Those
/// include ASP.NET Core's own request lines (Microsoft.AspNetCore.Hosting.Diagnostics, each request's URL), which the
/// scanner URL-decodes, so an e-mail in a query string as <c>%40</c> is found (issue 15).
/// </summary>
[Trait("Category", "Reliability")]
[Collection(SuiteLogScanRuns.Name)]
public sealed class SuiteLogScanTests
{
    [Fact]
    public void No_log_line_of_the_whole_run_holds_a_key_token_email_or_phone_number()
    {
        var leaks = SuiteLog.Scan(out var linesScanned);
        var sources = SuiteLog.LinesBySource;
        TestContext.Current.SendDiagnosticMessage(
            "Suite log: {0} lines from {1} hosts and processes, {2} known secrets, scanned in {3}",
            linesScanned, sources.Count, SuiteLog.KnownSecrets.Count, SuiteLog.FilePath);

        var silent = sources.Where(s => s.Value == 0).Select(s => s.Key).ToList();
        Assert.True(silent.Count == 0, $"These hosts or processes wrote nothing to the suite log, so their capture is broken: {string.Join(", ", silent)}");
        Assert.True(
            leaks.Count == 0,
            $"{leaks.Count} secrets or personal values in {SuiteLog.FilePath} ({linesScanned} lines); the first: {string.Join("; ", leaks.Take(20))}");
    }
}
