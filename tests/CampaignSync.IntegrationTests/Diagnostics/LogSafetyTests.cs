using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Diagnostics;

/// <summary>
/// A real pipeline run with every logger at Trace: no profile key, e-mail, phone number, attribute value, API key
/// or dashboard password may appear in any message, structured value, scope or exception.
/// </summary>
[Trait("Category", "Operations")]
public sealed class LogSafetyTests(PostgresFixture server)
{
    private const string ApiKey = "sk-live-7Hq2Zr9Wx4Lm";
    private static readonly string[] Keys = ["contact-key-5f1e9a", "contact-key-83bd27", "bounce-key-c04d61", "contact-key-deleted-9e2"];
    private static readonly string[] Emails = ["ada.lovelace.51@mail.example", "grace.hopper.77@mail.example", "bounced.person.3@mail.example"];
    private const string Phone = "+4799912345";
    private const string CityValue = "Trondheim-Ostre-Vika";

    [Fact]
    public async Task A_run_at_Trace_level_logs_no_key_email_phone_attribute_value_or_secret()
    {
        var options = new SimulatorOptions
        {
            ApiKey = ApiKey,
            KeyFailureRules = [new KeyFailureRule("^bounce-", "1001", "Invalid email address")],
        };
        var capture = new CapturingLoggerProvider();
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), options, workers: 0);
        await harness.UpsertAsync(Keys[0], new { email = Emails[0], phone = Phone, city = CityValue });
        await harness.UpsertAsync(Keys[1], new { email = Emails[1] });
        await harness.UpsertAsync(Keys[2], new { email = Emails[2] });
        await harness.UpsertAsync(Keys[1], new { email = new { nested = Emails[1] } });
        await harness.DeleteAsync(Keys[3]);

        var worker = await harness.StartWorkerAsync(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Trace" },
            configure: builder => builder.Logging.ClearProviders().AddProvider(capture));

        // The capture takes Trace lines from the worker's loggers and the libraries' alike: a Trace line written through
        // the worker's logger factory in both kinds of category must reach it. Written, not waited for: no code of the run
        // is bound to log at Trace while it runs (Hangfire's background processes do on their own schedule, and a run in
        // which none came within 30 s failed).
        var loggers = worker.Services.GetRequiredService<ILoggerFactory>();
        string[] categories = ["CampaignSync.Pipeline.SyncWorker", "Hangfire.Server.BackgroundServerProcess"];
        foreach (var category in categories)
        {
            loggers.CreateLogger(category).Log(LogLevel.Trace, new EventId(0, "TraceProbe"), "a Trace line", null, (text, _) => text);
        }

        Assert.Equal(categories, capture.Entries.Where(e => e.Level == LogLevel.Trace && e.EventId.Name == "TraceProbe").Select(e => e.Category));
        await harness.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(3));

        // Stopping as soon as the rows are final raced the lines this test looks for: the poll job logs its completion
        // just after the outcome commits.
        await Eventually.UntilAsync("the submit and completion lines to be logged",
            _ => Task.FromResult(capture.Entries.ToList()),
            logged => logged.Any(e => e.EventId.Name == "BatchSubmitted") && logged.Any(e => e.EventId.Name == "RequestCompleted"),
            TimeSpan.FromSeconds(30),
            logged => Task.FromResult("events logged: " + string.Join(", ", logged.Select(e => e.EventId.Name).Distinct())));
        await harness.StopWorkersAsync();

        var entries = capture.Entries.ToList();
        string[] secrets = [.. Keys, .. Emails, Phone, CityValue, ApiKey, PipelineHarness.OperatorPassword, PipelineHarness.ViewerPassword];
        foreach (var secret in secrets)
        {
            var leak = entries.FirstOrDefault(e => e.Text.Contains(secret, StringComparison.OrdinalIgnoreCase));
            Assert.True(leak is null, $"'{secret}' was logged by {leak?.Category} ({leak?.EventId}): {leak?.Text}");
        }
    }
}
