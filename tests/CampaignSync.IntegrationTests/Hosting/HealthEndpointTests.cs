using System.Net;
using CampaignSync.Database;
using CampaignSync.Health;
using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Polling;
using CampaignSync.Simulator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>The probes the Helm chart uses: /healthz (alive) and /readyz (Postgres, schema version, Hangfire server).</summary>
[Trait("Category", "Operations")]
public sealed class HealthEndpointTests(PostgresFixture server)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Readyz_answers_200_when_the_schema_is_current_and_the_hangfire_server_runs()
    {
        var connectionString = await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        await using var harness = await PipelineHarness.StartAsync(connectionString, new SimulatorOptions());
        using var http = HttpTo(harness.Services);

        var ready = await WaitForStatusAsync(http, HealthServiceCollectionExtensions.ReadinessPath, HttpStatusCode.OK);
        var alive = await http.GetAsync(HealthServiceCollectionExtensions.LivenessPath, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }

    [Fact]
    public async Task Readyz_answers_503_while_the_schema_is_behind_and_200_once_migrated()
    {
        var connectionString = await server.CreateEmptyDatabaseAsync(TestContext.Current.CancellationToken);
        // Hangfire's schema without ours, as a worker of a version before issue 15 left it (it prepared Hangfire's
        // schema itself; now migrate installs it and the worker may not run DDL).
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            HangfireSchemaInstaller.Install(connection, PollingOptions.DefaultHangfireSchema);
        }

        var settings = new Dictionary<string, string?>
        {
            [DatabaseOptions.ConnectionStringKey] = connectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "None",
            ["Campaign:BaseUrl"] = "http://127.0.0.1:9",
            ["Campaign:ApiKey"] = "health-test-key",
            ["Dashboard:Mode"] = "Basic",
            ["Dashboard:OperatorUsername"] = "health-test-operator",
            ["Dashboard:OperatorPassword"] = "health-test-operator-password",
        };
        KeyRingCertificate.AddTo(settings);
        var builder = CampaignSyncHost.CreateBuilder(settings);
        SuiteLog.RegisterSecrets(settings);
        SuiteLog.AddTo(builder.Logging, "worker host");
        var app = CampaignSyncHost.Build(builder);
        await using (app)
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
            using var http = HttpTo(app.Services);
            var health = app.Services.GetRequiredService<HealthCheckService>();
            // Only the schema may be what fails: wait until this process's Hangfire server has announced itself.
            await WaitForCheckAsync(health, "hangfire-server", HealthStatus.Healthy);

            var behind = await http.GetAsync(HealthServiceCollectionExtensions.ReadinessPath, TestContext.Current.CancellationToken);
            var report = await health.CheckHealthAsync(c => c.Name == "postgres", TestContext.Current.CancellationToken);
            var alive = await http.GetAsync(HealthServiceCollectionExtensions.LivenessPath, TestContext.Current.CancellationToken);
            SchemaMigrator.Migrate(connectionString, NullLogger.Instance);
            var migrated = await WaitForStatusAsync(http, HealthServiceCollectionExtensions.ReadinessPath, HttpStatusCode.OK);
            await app.StopAsync(CancellationToken.None);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, behind.StatusCode);
            Assert.Equal(HealthStatus.Unhealthy, report.Entries["postgres"].Status);
            Assert.True(report.Entries["postgres"].Data.ContainsKey("appliedVersion"), report.Entries["postgres"].Description + " " + report.Entries["postgres"].Exception);
            Assert.Equal(0, report.Entries["postgres"].Data["appliedVersion"]);
            Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
            Assert.Equal(HttpStatusCode.OK, migrated);
        }
    }

    private static HttpClient HttpTo(IServiceProvider services)
    {
        var address = services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>Polls until <paramref name="expected"/>; fails with the last status after the deadline.</summary>
    private static async Task<HttpStatusCode> WaitForStatusAsync(HttpClient http, string path, HttpStatusCode expected) =>
        await Eventually.UntilAsync($"{path} to answer {expected}", async token =>
        {
            using var response = await http.GetAsync(path, token);
            return response.StatusCode;
        }, status => status == expected, Deadline);

    private static async Task WaitForCheckAsync(HealthCheckService health, string name, HealthStatus expected) =>
        await Eventually.UntilAsync($"the {name} check to be {expected}", async token => (await health.CheckHealthAsync(c => c.Name == name, token)).Status,
            status => status == expected, Deadline);
}
