using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace CampaignSync.Crm;

/// <summary>
/// One run of the nightly CRM sync (issue 9). Consumes every Wethod client and contact; produces outbox upserts for
/// new and changed contacts and deletes for contacts gone from the CRM. Guarantees:
/// <list type="bullet">
/// <item>runs never overlap (a Postgres session lock held for the whole run);</item>
/// <item>a contact missing from the scan becomes a delete only after <c>GET /api/contacts/{id}</c> answers 404;</item>
/// <item>a read that fails after its retries fails the run, and a failed run writes nothing;</item>
/// <item>a run writes its outbox rows, snapshot and state in one transaction (a crash writes nothing);</item>
/// <item>a run that would delete more than <see cref="CrmOptions.DeleteBrakeShare"/> of the synced contacts writes
/// nothing and waits for <see cref="ConfirmDeletesAsync"/>.</item>
/// </list>
/// </summary>
internal sealed class CrmSyncRunner(
    WethodClient wethod,
    CrmStore store,
    ContactMapper mapper,
    IOptions<CrmOptions> options,
    ILogger<CrmSyncRunner> logger)
{
    /// <summary>Runs the sync now. <paramref name="trigger"/> is <c>schedule</c> or <c>cli</c>.</summary>
    public Task<CrmRunResult> RunAsync(string trigger, bool dryRun, CancellationToken cancellationToken) =>
        RunCoreAsync(trigger, dryRun, confirmsRunId: null, resyncActor: null, cancellationToken);

    /// <summary>
    /// A full resync (<c>crm-sync --full</c>): reads the CRM afresh and writes every contact as an upsert, changed or
    /// not, in the bulk lane, so live changes are not held up behind it; deletes and the brake as in a plain run. The
    /// run is recorded as an operator action by <paramref name="actor"/>.
    /// </summary>
    public Task<CrmRunResult> ResyncAsync(string actor, bool dryRun, CancellationToken cancellationToken) =>
        RunCoreAsync("full", dryRun, confirmsRunId: null, actor, cancellationToken);

    /// <summary>
    /// Releases run <paramref name="runId"/>, stopped at the brake: runs the sync again at once, allowed to delete as
    /// many contacts as that run would have. The CRM is read afresh, so if it lost more since, the brake stops again.
    /// </summary>
    public Task<CrmRunResult> ConfirmDeletesAsync(long runId, CancellationToken cancellationToken) =>
        RunCoreAsync("confirm", dryRun: false, runId, resyncActor: null, cancellationToken);

    private async Task<CrmRunResult> RunCoreAsync(string trigger, bool dryRun, long? confirmsRunId, string? resyncActor,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var runLock = await store.TryLockAsync(cancellationToken);
        if (runLock is null)
        {
            logger.RunBusy();
            return CrmRunResult.NotStarted(CrmRunOutcome.Busy, "another CRM sync run is in progress");
        }

        var allowance = 0;
        if (confirmsRunId is { } confirmed)
        {
            var run = await store.LoadRunAsync(confirmed, cancellationToken);
            if (run is not { State: "failed", Failure: "delete_brake" })
            {
                return CrmRunResult.NotStarted(CrmRunOutcome.NotConfirmable, string.Create(CultureInfo.InvariantCulture,
                    $"run {confirmed} is not waiting at the delete brake ({(run is null ? "no such run" : $"state {run.State}, {run.Failure ?? "no failure"}")})"));
            }

            allowance = run.Deletes ?? 0;
        }

        long? runId = dryRun ? null : await store.StartRunAsync(settings.ProfileName, trigger, confirmsRunId, cancellationToken);
        if (runId is { } started)
        {
            logger.RunStarted(started, trigger, settings.ProfileName);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            var (plan, counts) = await ReadAndPlanAsync(settings.ProfileName, full: resyncActor is not null, cancellationToken);
            var braked = DeleteBrake.Stops(plan.Deletes, counts.SyncedBefore, settings.DeleteBrakeShare, allowance);
            var numbers = string.Create(CultureInfo.InvariantCulture,
                $"would delete {plan.Deletes} of {counts.SyncedBefore} synced contacts, over the {settings.DeleteBrakeShare:P1} brake");
            if (runId is not { } id)
            {
                return new CrmRunResult(CrmRunOutcome.DryRun, null, counts, braked ? "the brake would stop this run: " + numbers : null,
                    plan.Changes, new OutboxRange(null, null));
            }

            if (braked)
            {
                var detail = string.Create(CultureInfo.InvariantCulture, $"{numbers}; confirm with crm-sync --confirm-deletes {id}");
                await store.FailRunAsync(id, "delete_brake", detail, counts, cancellationToken);
                logger.DeleteBrake(id, plan.Deletes, counts.SyncedBefore, settings.DeleteBrakeShare);
                return new CrmRunResult(CrmRunOutcome.Braked, id, counts, detail, plan.Changes, new OutboxRange(null, null));
            }

            var written = await store.CommitAsync(id, settings.ProfileName, plan, counts, confirmsRunId, resyncActor, cancellationToken);
            logger.RunSucceeded(id, counts.Upserts, counts.Deletes, counts.ContactsRead, counts.Unchanged, counts.Skipped, counts.InvalidValues,
                clock.ElapsedMilliseconds);
            return new CrmRunResult(CrmRunOutcome.Succeeded, id, counts, null, plan.Changes, written);
        }
        catch (Exception exception) when (IsReadFailure(exception))
        {
            var detail = exception.Message;
            if (runId is { } id)
            {
                await store.FailRunAsync(id, "read_failed", detail, CrmRunCounts.None, CancellationToken.None);
                logger.RunFailed(id, "read_failed", detail);
            }

            return new CrmRunResult(CrmRunOutcome.ReadFailed, runId, CrmRunCounts.None, detail, [], new OutboxRange(null, null));
        }
        catch (Exception exception) when (runId is { } id)
        {
            // Recorded, then rethrown: an unexpected failure is a bug to see, not an outcome to report.
            var failure = exception is OperationCanceledException ? "interrupted" : "error";
            var detail = $"{exception.GetType().Name}: {exception.Message}";
            await store.FailRunAsync(id, failure, detail, CrmRunCounts.None, CancellationToken.None);
            logger.RunFailed(id, failure, detail);
            throw;
        }
    }

    private async Task<(SyncPlan Plan, CrmRunCounts Counts)> ReadAndPlanAsync(string profileName, bool full, CancellationToken cancellationToken)
    {
        // Clients first and once per run: every contact is joined to this one copy.
        var companies = (await wethod.ReadCompaniesAsync(cancellationToken)).ToDictionary(c => c.Id);
        var read = (await wethod.ReadContactsAsync(cancellationToken)).ToDictionary(c => c.Id);
        var snapshot = await store.LoadSnapshotAsync(profileName, cancellationToken);

        // Offset paging over a live table can skip a row (docs/wethod-crm-api.md): a missing contact is only a candidate.
        var gone = new List<long>();
        foreach (var contactId in snapshot.Keys.Where(id => !read.ContainsKey(id)).Order())
        {
            if (await wethod.FindContactAsync(contactId, cancellationToken) is { } present)
            {
                logger.SkippedByPaging(contactId);
                read[contactId] = present;
            }
            else
            {
                logger.DeleteConfirmed(contactId);
                gone.Add(contactId);
            }
        }

        var mapped = new List<MappedContact>(read.Count);
        var unmappable = 0;
        foreach (var contact in read.Values)
        {
            var company = contact.ClientId is { } clientId ? companies.GetValueOrDefault(clientId) : null;
            if (mapper.Map(contact, company) is { } profile)
            {
                mapped.Add(profile);
            }
            else
            {
                unmappable++;
            }
        }

        var plan = SyncPlanner.Plan(mapped, unmappable, snapshot, gone, full);
        var counts = new CrmRunCounts(snapshot.Count, read.Count, companies.Count, plan.Upserts, plan.Deletes, plan.Unchanged, plan.Skipped,
            plan.InvalidValues);
        return (plan, counts);
    }

    private static bool IsReadFailure(Exception exception) =>
        exception is WethodApiException or HttpRequestException or TimeoutRejectedException or JsonException or IOException;
}
