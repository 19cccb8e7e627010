using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Pipeline;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary>
/// Hangfire keeps its storage and job activator in process-wide statics. Two worker hosts in one process (the test
/// suite runs many) must still each schedule into their own database and run jobs with their own services.
/// </summary>
[Trait("Category", "Foundation")]
public sealed class HangfireIsolationTests(PostgresFixture server)
{
    [Fact]
    public async Task A_host_configured_before_another_keeps_its_own_storage_and_activator()
    {
        await using var first = BuildHost(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));
        await using var second = BuildHost(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));

        // Hangfire's configuration callback runs when IGlobalConfiguration is resolved; the second host's run last,
        // so the process-wide JobStorage.Current and JobActivator.Current are now the second host's.
        first.Services.GetRequiredService<IGlobalConfiguration>();
        second.Services.GetRequiredService<IGlobalConfiguration>();

        var firstStorage = first.Services.GetRequiredService<JobStorage>();
        var secondStorage = second.Services.GetRequiredService<JobStorage>();
        Assert.NotSame(secondStorage, firstStorage);
        Assert.Same(firstStorage, first.Services.GetRequiredService<JobStorage>());

        using var scope = first.Services.GetRequiredService<JobActivator>().BeginScope((JobActivatorContext)null!);
        Assert.Same(first.Services.GetRequiredService<WorkerIdentity>(), scope.Resolve(typeof(WorkerIdentity)));
    }

    private static WebApplication BuildHost(string connectionString) =>
        CampaignSyncHost.Build(CampaignSyncHost.CreateBuilder(KeyRingCertificate.AddTo(new Dictionary<string, string?>
        {
            [DatabaseOptions.ConnectionStringKey] = connectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Logging:LogLevel:Default"] = "None",
            ["Campaign:BaseUrl"] = "http://127.0.0.1:9",
            ["Campaign:ApiKey"] = "isolation-test-key",
            ["Dashboard:Mode"] = "Basic",
            ["Dashboard:OperatorUsername"] = "isolation-test-operator",
            ["Dashboard:OperatorPassword"] = "isolation-test-operator-password",
        })));
}
