using CampaignSync.Batching;
using CampaignSync.Campaign;
using CampaignSync.Folding;
using CampaignSync.Outbox;
using CampaignSync.Submission;
using Microsoft.Extensions.Options;

namespace CampaignSync.Pipeline;

/// <summary>
/// The claim loop: claim due contacts → validate (each row, then against the profile metadata) → fold per contact →
/// plan batches → submit, then wait for a NOTIFY or the fallback poll. Also runs the sweep that recovers expired leases, lost poll jobs and unanswered submits.
/// Up to <see cref="OutboxOptions.RoundsInFlight"/> claimed rounds are sent at once: the next claim is taken while
/// earlier rounds are still being sent, and all of them share <see cref="SubmissionOptions.MaxConcurrentSubmits"/>.
/// Stops in two phases: once stopping is asked it claims nothing new, but finishes sending what it claimed (within
/// <see cref="Hosting.ShutdownOptions.Timeout"/>; what a killed process leaves claimed comes back when its lease expires).
/// </summary>
internal sealed class SyncWorker(
    OutboxStore outbox,
    OutboxSignal signal,
    BatchStore batches,
    BatchSubmitter submitter,
    ProfileSchemaCheck schemaCheck,
    SubmissionPause pause,
    OperatorPause operatorPause,
    RecoverySweep sweep,
    WorkerIdentity identity,
    TimeProvider timeProvider,
    IOptions<OutboxOptions> outboxOptions,
    IOptions<BatchingOptions> batchingOptions,
    IOptions<SubmissionOptions> submissionOptions,
    IOptions<CampaignOptions> campaignOptions,
    ILogger<SyncWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Backpressure = TimeSpan.FromMilliseconds(100);
    private readonly SemaphoreSlim _submits = new(submissionOptions.Value.MaxConcurrentSubmits);

    // Rounds being sent; each catches its own failure and answers whether it failed.
    private readonly List<Round> _rounds = [];
    private ClaimCursor _cursor = ClaimCursor.Start;
    private DateTimeOffset _lastRescan;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.Started(identity.Name);
        var nextSweep = timeProvider.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (timeProvider.GetUtcNow() >= nextSweep)
                    {
                        await sweep.RunAsync(stoppingToken);
                        nextSweep = timeProvider.GetUtcNow() + outboxOptions.Value.SweepInterval;
                    }

                    await RunOnceAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    // Including a cancellation that is not ours (an HTTP or command timeout surfacing as
                    // TaskCanceledException): letting it escape would end the BackgroundService and stop the host.
                    // A failed round is not "no rows": log, back off, and try again. Rows it had claimed come back
                    // when their lease ends; batches it had written are resolved by the sweep.
                    logger.RoundFailed(ex);
                    await Task.Delay(outboxOptions.Value.PollInterval, timeProvider, stoppingToken);
                }
            }
        }
        finally
        {
            // Claimed rows are sent even when stopping: handing them back would only delay them.
            await Task.WhenAll(_rounds.Select(r => r.Sending));
        }
    }

    public override void Dispose()
    {
        _submits.Dispose();
        base.Dispose();
    }

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var options = outboxOptions.Value;

        // A claim waits until fewer than RoundsInFlight rounds are being sent; a round that failed backs the loop off
        // as a failed claim does.
        if (await AwaitRoundsAsync(options.RoundsInFlight - 1))
        {
            await Task.Delay(options.PollInterval, timeProvider, stoppingToken);
            return;
        }

        // The operators' switch holds every replica until resume, which NOTIFYs: waiting for the signal sees it at once.
        if (await operatorPause.IsOnAsync(stoppingToken))
        {
            await signal.WaitAsync(options.PollInterval, stoppingToken);
            return;
        }

        var paused = pause.Remaining;
        if (paused > TimeSpan.Zero)
        {
            logger.Paused(pause.LastCode, paused);
            await Task.Delay(paused < options.PollInterval ? paused : options.PollInterval, timeProvider, stoppingToken);
            return;
        }

        var open = await batches.CountOpenAsync(stoppingToken);
        if (open.Open >= submissionOptions.Value.MaxOpenBatches)
        {
            await Task.Delay(Backpressure, timeProvider, stoppingToken);
            return;
        }

        // Bulk requests may hold only their share of the open requests; the rest stay free for live rows. Contacts
        // found by their oldest row (the bulk lane's way in) are claimed for the bulk requests still allowed.
        // Rounds still being sent have not written their requests yet: the bulk requests their claims allowed count too.
        var bulkRequests = submissionOptions.Value.BulkRequestLimit - open.Bulk - _rounds.Sum(r => r.BulkRequests);
        var maxRecords = batchingOptions.Value.MaxRecords;
        var maxOldest = bulkRequests <= 0 ? 0 : (int)Math.Min(options.ClaimSize, bulkRequests * maxRecords);
        var liveOnly = maxOldest == 0;

        // Rows come back below the cursor while a backlog drains (retries whose backoff ended, expired leases, rows
        // the fold deferred, operator retries, late commits): scanning from the start again every RescanInterval
        // claims them within that time instead of after the backlog.
        var now = timeProvider.GetUtcNow();
        if (now - _lastRescan >= options.RescanInterval)
        {
            _cursor = ClaimCursor.Start;
        }

        if (_cursor == ClaimCursor.Start)
        {
            _lastRescan = now;
        }

        // Stopping is checked before the claim, never during it: a claim cancelled mid-statement may commit on the
        // server while this process never learns which rows it holds, and they would wait out the whole lease.
        stoppingToken.ThrowIfCancellationRequested();
        var claimed = await outbox.ClaimAsync(_cursor, options.ClaimSize, maxOldest, options.LeaseDuration, CancellationToken.None);
        if (claimed.Count == 0)
        {
            if (_cursor == ClaimCursor.Start)
            {
                await signal.WaitAsync(liveOnly ? Backpressure : options.PollInterval, stoppingToken);
            }

            _cursor = ClaimCursor.Start;
            return;
        }

        _cursor = _cursor.Next(claimed, options.ClaimSize, liveOnly);

        // Once claimed, rows are sent even if stopping was asked meanwhile: handing them back would only delay them.
        // The round runs on the thread pool from its first step (validation), so the next claim need not wait for it.
        _rounds.Add(new Round(Task.Run(() => SendRoundAsync(claimed), CancellationToken.None), (maxOldest + maxRecords - 1) / maxRecords));
    }

    // Waits until at most `open` rounds are still being sent, and answers whether any round that ended had failed.
    private async Task<bool> AwaitRoundsAsync(int open)
    {
        var failed = false;
        while (true)
        {
            foreach (var round in _rounds.Where(r => r.Sending.IsCompleted).ToList())
            {
                failed |= await round.Sending;
                _rounds.Remove(round);
            }

            if (_rounds.Count <= open)
            {
                return failed;
            }

            await Task.WhenAny(_rounds.Select(r => r.Sending));
        }
    }

    // A round that fails before its batches exist gives its holds back now, not at the end of the lease.
    private async Task<bool> SendRoundAsync(IReadOnlyList<ClaimedChange> claimed)
    {
        try
        {
            await ProcessAsync(claimed, CancellationToken.None);
            return false;
        }
        catch (Exception ex)
        {
            logger.RoundFailed(ex);
            await GiveBackAsync(claimed[0].Fence);
            return true;
        }
    }

    private async Task ProcessAsync(IReadOnlyList<ClaimedChange> claimed, CancellationToken cancellationToken)
    {
        var ticket = new ClaimTicket(identity.Name, claimed[0].Fence);
        var (valid, rejected) = ChangeValidator.Split(claimed);
        var (fit, unfit) = await schemaCheck.SplitAsync(valid, cancellationToken);
        rejected.AddRange(unfit);
        await outbox.RejectAsync(rejected, ticket.Fence, cancellationToken);
        var folds = await FoldAsync(RoundFolder.Contacts(fit), ticket, cancellationToken);
        var planned = BatchPlanner.PlanByLane(claimed, folds.Select(f => f.Operation), batchingOptions.Value);
        var deferred = folds.Sum(f => f.Deferred.Count);
        logger.Claimed(claimed.Count, folds.Count, rejected.Count, deferred, planned.Count);

        // Each batch on its own: one that fails must neither cancel the others mid-call (an accepted submit would lose
        // its request id) nor stop the round from freeing the holds of contacts that did not become a request.
        await Task.WhenAll(planned.Select(async batch =>
        {
            await _submits.WaitAsync(cancellationToken);
            try
            {
                await submitter.SubmitAsync(batch, ticket, cancellationToken);
            }
            catch (Exception ex)
            {
                logger.SubmitFailed(batch.Records.Count, ex);
            }
            finally
            {
                _submits.Release();
            }
        }));
        await outbox.ReleaseUnbatchedHoldsAsync(ticket.Fence, cancellationToken);
    }

    // The holds of a round that failed go back now rather than at the end of the lease; holds already passed to a
    // request are untouched, and so are the rows, which never left pending. When the database is what failed, this may
    // fail too, and the lease frees them.
    private async Task GiveBackAsync(long fence)
    {
        try
        {
            await outbox.ReleaseUnbatchedHoldsAsync(fence, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.RoundFailed(ex);
        }
    }

    // Late rows (committed after newer rows of their contact were applied) fold beneath those rows first.
    private async Task<IReadOnlyList<FoldResult>> FoldAsync(List<List<ValidChange>> contacts, ClaimTicket ticket, CancellationToken cancellationToken)
    {
        var applied = await outbox.LoadAppliedAfterAsync(
            contacts.Select(c => (c[0].ProfileName, c[0].ProfileKey, c[0].Position)).ToList(), cancellationToken);
        var round = RoundFolder.Fold(contacts, applied, campaignOptions.Value.EmptyValues);
        await outbox.SupersedeAsync(round.Covered, ticket.Fence, cancellationToken);
        if (round.Late > 0)
        {
            logger.LateRows(round.Late, round.Covered.Count, round.Replays);
        }

        return round.Folds;
    }

    // A round being sent, and how many bulk requests its claim was allowed (contacts claimed by their oldest row).
    private sealed record Round(Task<bool> Sending, int BulkRequests);
}
