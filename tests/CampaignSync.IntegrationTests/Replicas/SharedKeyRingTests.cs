using System.Net;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Replicas;

/// <summary>
/// Two worker processes behind one Service, each with its own home directory as two pods have: a dashboard form that
/// one rendered must be accepted by the other, because the Data Protection key ring that signs the antiforgery token
/// lives in Postgres (encrypted with the DataProtection certificate), not in the process or its file system.
/// </summary>
[Trait("Category", "Operations")]
[Collection(HeavyRuns.Name)]
public sealed class SharedKeyRingTests(PostgresFixture server)
{
    [Fact]
    public async Task A_retry_form_rendered_by_one_worker_process_is_accepted_by_another()
    {
        await using var harness = await PipelineHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken),
            new SimulatorOptions(), workers: 0);
        await using (var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken))
        {
            await connection.ExecuteAsync(
                """
                insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes, state, attempts, outcome_code,
                                                  outcome_description, completed_at)
                values ('contacts', 'C-1', 'upsert', '{"email": "c1@example.com"}', 'failed', 1, '1001', 'invalid input', now())
                """);
        }

        var homes = new[] { Directory.CreateTempSubdirectory("pod-a-"), Directory.CreateTempSubdirectory("pod-b-") };
        await using var podA = await harness.StartWorkerProcessAsync(new Dictionary<string, string> { ["HOME"] = homes[0].FullName });
        await using var podB = await harness.StartWorkerProcessAsync(new Dictionary<string, string> { ["HOME"] = homes[1].FullName });
        try
        {
            using var browser = new DashboardSession();
            var form = DashboardSession.Form(await browser.PageAsync(podA.Address, "/hangfire/campaign-sync/failures"), "/campaign-sync/failures/retry");

            // The browser sends the form and the antiforgery cookie worker A gave it; the Service routes it to worker B.
            using var posted = await browser.PostAsync(podB.Address, form);

            Assert.True(posted.StatusCode == HttpStatusCode.SeeOther,
                $"Worker B answered {(int)posted.StatusCode} to the retry form worker A rendered.\n{podB.Tail}");
            await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
            Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
                "select count(*) from campaign_sync.operator_action where action = 'retry' and row_count = 1"));
            var stored = await connection.QueryAsync<string>("select xml from campaign_sync.data_protection_key");
            Assert.All(stored, xml => Assert.Contains("EncryptedData", xml, StringComparison.Ordinal));
            Assert.NotEmpty(stored);
        }
        finally
        {
            foreach (var home in homes)
            {
                home.Delete(recursive: true);
            }
        }
    }
}
