using CampaignSync.Crm;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.IntegrationTests.Replicas;
using CampaignSync.Simulator;
using CampaignSync.Simulator.Wethod;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CampaignSync.IntegrationTests.Crm;

/// <summary>CRM simulator → outbox → worker → Campaign simulator, with the recurring job registered by configuration.</summary>
[Trait("Category", "Crm")]
[Collection(HeavyRuns.Name)]
public sealed class CrmEndToEndTests(PostgresFixture server)
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Crm_contacts_reach_campaign_and_a_removed_contact_is_deleted_there()
    {
        await using var wethod = await CrmHarness.StartWethodAsync(new WethodSimulatorOptions { SeedClients = 3, SeedContacts = 30 });
        await using var harness = await PipelineHarness.StartAsync(
            await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), CampaignWithCompanyAttributes(), workers: 0);
        var settings = CrmHarness.Settings(wethod);
        settings["Crm:Enabled"] = "true";
        settings["Crm:Cron"] = "30 1 * * *";
        settings["Crm:TimeZone"] = "Europe/Rome";
        await harness.StartWorkerAsync(settings);
        var runner = harness.Services.GetRequiredService<CrmSyncRunner>();

        var recurring = Assert.Single(RecurringJobs(harness), j => j.Id == CrmSyncJob.RecurringJobId);
        Assert.Equal(("30 1 * * *", "Europe/Rome"), (recurring.Cron, recurring.TimeZoneId));

        var first = await runner.RunAsync("cli", dryRun: false, TestContext.Current.CancellationToken);
        await harness.WaitUntilAllFinalAsync(Patience);

        Assert.Equal((CrmRunOutcome.Succeeded, 30), (first.Outcome, first.Counts.Upserts));
        var profiles = await harness.SimulatorProfilesAsync();
        Assert.Equal(30, profiles.Count);
        Assert.Equal("Client 001 S.p.A.", profiles["ada.rossi1@example.com"]["company"]);
        Assert.Equal("+393471000000", profiles["ada.rossi1@example.com"]["phone"]);

        wethod.Directory.RemoveContact(1);
        var second = await runner.RunAsync("cli", dryRun: false, TestContext.Current.CancellationToken);
        await harness.WaitUntilAllFinalAsync(Patience);

        Assert.Equal((0, 1), (second.Counts.Upserts, second.Counts.Deletes));
        Assert.False((await harness.SimulatorProfilesAsync()).ContainsKey("ada.rossi1@example.com"));
        Assert.All(await harness.RowsAsync(), r => Assert.Equal("succeeded", r.State));

        // Turned off, the job leaves Hangfire's storage (where it would otherwise outlive the setting).
        await harness.StopWorkersAsync();
        await harness.StartWorkerAsync();
        Assert.DoesNotContain(RecurringJobs(harness), j => j.Id == CrmSyncJob.RecurringJobId);
    }

    [Fact]
    public async Task An_operator_starts_a_full_resync_from_the_overview_and_every_contact_is_sent_again_in_the_bulk_lane()
    {
        await using var wethod = await CrmHarness.StartWethodAsync(new WethodSimulatorOptions { SeedClients = 3, SeedContacts = 30 });
        await using var harness = await PipelineHarness.StartAsync(
            await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), CampaignWithCompanyAttributes(), workers: 0);
        var settings = CrmHarness.Settings(wethod);
        settings["Crm:Enabled"] = "true";
        await harness.StartWorkerAsync(settings);
        await harness.Services.GetRequiredService<CrmSyncRunner>().RunAsync("cli", dryRun: false, TestContext.Current.CancellationToken);
        await harness.WaitUntilAllFinalAsync(Patience);
        var worker = PipelineHarness.AddressOf(harness.Workers[0]);
        using var operatorSession = new DashboardSession();

        var overview = await operatorSession.PageAsync(worker, "/hangfire/campaign-sync");
        using var answer = await operatorSession.PostAsync(worker, DashboardSession.Form(overview, "/campaign-sync/crm/resync"));

        Assert.Equal(System.Net.HttpStatusCode.SeeOther, answer.StatusCode);
        await harness.WaitUntilAsync("the resync's 30 upserts final in the bulk lane, recorded as the operator's action",
            """
            select (select count(*) from campaign_sync.outbox where lane = 'bulk' and state = 'succeeded') = 30
               and exists (select 1 from campaign_sync.operator_action where action = 'resync' and actor = 'operator' and row_count = 30)
            """, Patience);
    }

    /// <summary>The Campaign profile the demo mapping writes to: the default contacts attributes plus <c>company</c>.</summary>
    internal static SimulatorOptions CampaignWithCompanyAttributes() => new()
    {
        Profiles =
        [
            new SimulatedProfile
            {
                Name = "contacts",
                Id = "1",
                Attributes = ["email", "first-name", "last-name", "phone", "city", "country", "company"],
            },
        ],
    };

    private static List<RecurringJobDto> RecurringJobs(PipelineHarness harness)
    {
        using var connection = harness.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs();
    }
}
