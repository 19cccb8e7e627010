using CampaignSync.Crm;
using CampaignSync.IntegrationTests.Infrastructure;
using Dapper;

namespace CampaignSync.IntegrationTests.Crm;

/// <summary>The nightly CRM sync against the Wethod simulator and a real Postgres (issue 9).</summary>
[Trait("Category", "Crm")]
public sealed class CrmSyncTests(PostgresFixture server)
{
    // 43 contacts in pages of 10: four full pages and a short one.
    private const int Contacts = 43;

    [Fact]
    public async Task First_run_enqueues_every_contact_with_its_company_and_normalised_values()
    {
        await using var crm = await StartAsync();

        var result = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.Succeeded, result.Outcome);
        var rows = await crm.OutboxAsync();
        Assert.Equal(Contacts, rows.Count);
        Assert.All(rows, r => Assert.Equal(("contacts", "upsert", CrmStore.Source), (r.ProfileName, r.Operation, r.Source)));
        Assert.Equal(Contacts, rows.Select(r => r.ProfileKey).Distinct().Count());
        var first = rows.Single(r => r.ProfileKey == "ada.rossi1@example.com");
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["city"] = "Milano", ["company"] = "Client 001 S.p.A.", ["country"] = "Italy", ["email"] = "ada.rossi1@example.com",
                ["first-name"] = "Ada", ["last-name"] = "Rossi", ["phone"] = "+393471000000",
            },
            CrmHarness.Attributes(first));
        Assert.Equal("+393471000001", CrmHarness.Attributes(rows.Single(r => r.ProfileKey == "bruno.bianchi2@example.com"))["phone"]);
        Assert.Equal(Contacts, await crm.SnapshotCountAsync());
        var run = await crm.RunRowAsync(result.RunId!.Value);
        Assert.Equal(("succeeded", Contacts, 0, 0), (run.State, run.Upserts, run.Deletes, run.SyncedBefore));
        Assert.Equal((result.Written.FirstId, result.Written.LastId), (rows[0].Id, rows[^1].Id));
    }

    [Fact]
    public async Task A_second_run_without_changes_enqueues_nothing()
    {
        await using var crm = await StartAsync();
        await crm.RunAsync();

        var second = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.Succeeded, second.Outcome);
        Assert.Equal((0, 0, Contacts), (second.Counts.Upserts, second.Counts.Deletes, second.Counts.Unchanged));
        Assert.Equal(Contacts, (await crm.OutboxAsync()).Count);
    }

    [Fact]
    public async Task A_full_resync_sends_every_contact_once_in_the_bulk_lane_recorded_as_an_operator_action_and_a_plain_run_after_it_nothing()
    {
        await using var crm = await StartAsync();
        await crm.RunAsync();
        var before = (await crm.OutboxAsync()).Count;

        var full = await crm.Runner.ResyncAsync("ada.operator", dryRun: false, TestContext.Current.CancellationToken);
        var plain = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.Succeeded, full.Outcome);
        Assert.Equal((Contacts, 0, 0), (full.Counts.Upserts, full.Counts.Deletes, full.Counts.Unchanged));
        await using var connection = await crm.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var resent = (await connection.QueryAsync<(string Key, string Operation, string Lane)>(
            "select profile_key, operation, lane from campaign_sync.outbox where id > @before order by id", new { before = (long)before })).ToList();
        Assert.Equal(Contacts, resent.Count);
        Assert.Equal(Contacts, resent.Select(r => r.Key).Distinct().Count());
        Assert.All(resent, r => Assert.Equal(("upsert", "bulk"), (r.Operation, r.Lane)));
        var action = await connection.QuerySingleAsync<(string Action, string Actor, int RowCount)>(
            "select action, actor, row_count from campaign_sync.operator_action");
        Assert.Equal(("resync", "ada.operator", Contacts), action);
        Assert.Equal("full", await connection.ExecuteScalarAsync<string>("select trigger from campaign_sync.crm_run where id = @id", new { id = full.RunId }));
        Assert.Equal((0, 0, Contacts), (plain.Counts.Upserts, plain.Counts.Deletes, plain.Counts.Unchanged));
        Assert.Equal(before + Contacts, (await crm.OutboxAsync()).Count);
    }

    [Fact]
    public async Task An_edit_enqueues_one_upsert_and_an_edit_of_an_unmapped_field_none()
    {
        await using var crm = await StartAsync();
        await crm.RunAsync();
        var before = (await crm.OutboxAsync()).Count;

        await crm.PatchContactAsync(5, new { surname = "Verdi" });
        await crm.PatchContactAsync(6, new { notes = "met at the fair" });
        var result = await crm.RunAsync();

        Assert.Equal((1, 0), (result.Counts.Upserts, result.Counts.Deletes));
        var rows = (await crm.OutboxAsync()).Skip(before).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(("upsert", "elena.greco5@example.com"), (row.Operation, row.ProfileKey));
        Assert.Equal("Verdi", CrmHarness.Attributes(row)["last-name"]);
    }

    [Fact]
    public async Task A_removed_contact_enqueues_one_delete_after_its_get_answers_404()
    {
        await using var crm = await StartAsync();
        await crm.RunAsync();
        var before = (await crm.OutboxAsync()).Count;

        await crm.DeleteContactAsync(7);
        var result = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.Succeeded, result.Outcome);
        var row = Assert.Single((await crm.OutboxAsync()).Skip(before));
        Assert.Equal(("delete", "giulia.ricci7@example.com", "{}"), (row.Operation, row.ProfileKey, row.AttributesJson));
        Assert.Equal(1, crm.Wethod.Stats.Count("GET", "/api/contacts/{id}", 404));
        Assert.Equal(Contacts - 1, await crm.SnapshotCountAsync());
    }

    [Fact]
    public async Task A_contact_that_paging_skipped_but_still_exists_is_not_deleted()
    {
        await using var crm = await StartAsync();
        await crm.RunAsync();
        var before = (await crm.OutboxAsync()).Count;

        crm.Wethod.Faults.HideFromLists(12);
        var result = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.Succeeded, result.Outcome);
        Assert.Equal((0, 0, Contacts), (result.Counts.Upserts, result.Counts.Deletes, result.Counts.Unchanged));
        Assert.Equal(before, (await crm.OutboxAsync()).Count);
        Assert.Equal(1, crm.Wethod.Stats.Count("GET", "/api/contacts/{id}", 200));
    }

    [Fact]
    public async Task A_run_that_would_delete_half_stops_at_the_brake_until_confirmed()
    {
        await using var crm = await StartAsync();
        await crm.RunAsync();
        var before = (await crm.OutboxAsync()).Count;
        var removed = Enumerable.Range(1, 22).Select(i => (long)i).ToList();
        foreach (var id in removed)
        {
            await crm.DeleteContactAsync(id);
        }

        var braked = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.Braked, braked.Outcome);
        Assert.Equal(before, (await crm.OutboxAsync()).Count);
        Assert.Equal(Contacts, await crm.SnapshotCountAsync());
        var run = await crm.RunRowAsync(braked.RunId!.Value);
        Assert.Equal(("failed", "delete_brake", 22, Contacts), (run.State, run.Failure, run.Deletes, run.SyncedBefore));
        Assert.Contains("would delete 22 of 43 synced contacts", run.Detail, StringComparison.Ordinal);
        Assert.Contains($"crm-sync --confirm-deletes {braked.RunId}", run.Detail, StringComparison.Ordinal);

        // The next scheduled run sees the same CRM and stops again; only an operator releases it.
        Assert.Equal(CrmRunOutcome.Braked, (await crm.RunAsync()).Outcome);
        var confirmed = await crm.Runner.ConfirmDeletesAsync(braked.RunId.Value, TestContext.Current.CancellationToken);

        Assert.Equal(CrmRunOutcome.Succeeded, confirmed.Outcome);
        var deletes = (await crm.OutboxAsync()).Skip(before).ToList();
        Assert.Equal(22, deletes.Count);
        Assert.All(deletes, d => Assert.Equal("delete", d.Operation));
        Assert.Equal(Contacts - 22, await crm.SnapshotCountAsync());
        Assert.Equal("confirmed", (await crm.RunRowAsync(braked.RunId.Value)).State);
        var again = await crm.Runner.ConfirmDeletesAsync(braked.RunId.Value, TestContext.Current.CancellationToken);
        Assert.Equal(CrmRunOutcome.NotConfirmable, again.Outcome);
    }

    [Fact]
    public async Task A_page_that_fails_after_its_retries_writes_nothing_and_the_next_run_starts_over()
    {
        await using var crm = await StartAsync(new Dictionary<string, string?> { ["Crm:MaxRetries"] = "2" });
        await crm.RunAsync();
        var before = (await crm.OutboxAsync()).Count;
        await crm.PatchContactAsync(3, new { name = "Carla" });
        await crm.DeleteContactAsync(41);

        crm.Wethod.Faults.FailContactPageAt(20);
        var failed = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.ReadFailed, failed.Outcome);
        Assert.Equal(before, (await crm.OutboxAsync()).Count);
        Assert.Equal(Contacts, await crm.SnapshotCountAsync());
        var run = await crm.RunRowAsync(failed.RunId!.Value);
        Assert.Equal(("failed", "read_failed"), (run.State, run.Failure));
        Assert.Contains("offset 20 answered HTTP 500", run.Detail, StringComparison.Ordinal);
        Assert.Equal(3, crm.Wethod.Stats.Count("GET", "/api/contacts", 500));

        crm.Wethod.Faults.Clear();
        var next = await crm.RunAsync();

        Assert.Equal((CrmRunOutcome.Succeeded, 1, 1), (next.Outcome, next.Counts.Upserts, next.Counts.Deletes));
    }

    [Fact]
    public async Task Throttled_and_failing_calls_are_retried_after_the_wait_the_server_asks_for()
    {
        await using var crm = await StartAsync();
        crm.Wethod.Faults.RetryAfterSeconds = 1;
        crm.Wethod.Faults.ThrottleNext(1);
        crm.Wethod.Faults.FailNext(0);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await crm.RunAsync();

        Assert.Equal((CrmRunOutcome.Succeeded, Contacts), (result.Outcome, result.Counts.Upserts));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(1), $"the run took {clock.Elapsed}, shorter than the 1 s the 429 asked for");
        Assert.Equal(1, crm.Wethod.Stats.Count("GET", "/api/clients", 429));

        await crm.PatchContactAsync(1, new { role = "CEO" });
        crm.Wethod.Faults.FailNext(2);
        var second = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.Succeeded, second.Outcome);
        Assert.Equal(2, crm.Wethod.Stats.Count("GET", "/api/clients", 503));
    }

    [Fact]
    public async Task A_dry_run_reports_the_rows_and_writes_nothing()
    {
        await using var crm = await StartAsync();

        var result = await crm.RunAsync(dryRun: true);

        Assert.Equal((CrmRunOutcome.DryRun, Contacts), (result.Outcome, result.Changes.Count));
        Assert.Empty(await crm.OutboxAsync());
        Assert.Equal(0, await crm.SnapshotCountAsync());
        Assert.Equal(0, await crm.RunCountAsync());
    }

    [Fact]
    public async Task A_wrong_token_fails_the_run_with_401_and_writes_nothing()
    {
        await using var crm = await StartAsync(new Dictionary<string, string?> { ["Crm:Token"] = "not-the-token" });

        var result = await crm.RunAsync();

        Assert.Equal(CrmRunOutcome.ReadFailed, result.Outcome);
        Assert.Contains("HTTP 401 (unauthorized)", result.Detail, StringComparison.Ordinal);
        Assert.Empty(await crm.OutboxAsync());
    }

    [Fact]
    public async Task A_contact_without_a_usable_key_is_skipped_and_a_shared_key_has_one_owner()
    {
        await using var crm = await StartAsync();
        await crm.PatchContactAsync(8, new { email = "not an address" });
        await crm.PatchContactAsync(9, new { email = "ADA.ROSSI1@example.com" });

        var result = await crm.RunAsync();

        Assert.Equal((Contacts - 2, 2), (result.Counts.Upserts, result.Counts.Skipped));
        var owner = Assert.Single(await crm.OutboxAsync(), r => r.ProfileKey == "ada.rossi1@example.com");
        Assert.Equal("Ada", CrmHarness.Attributes(owner)["first-name"]);
    }

    private async Task<CrmHarness> StartAsync(IReadOnlyDictionary<string, string?>? overrides = null) =>
        await CrmHarness.StartAsync(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken), Contacts, overrides: overrides);
}
