using CampaignSync.Batching;
using CampaignSync.Campaign;
using CampaignSync.Folding;
using CampaignSync.Outbox;
using CampaignSync.Submission;
using Microsoft.Extensions.Options;

namespace CampaignSync.Hosting;

/// <summary>
/// The claim loop: claim due contacts → validate → fold per contact → plan batches → submit, then wait for a NOTIFY
/// or the fallback poll. Also runs the sweep that recovers expired leases, lost poll jobs and unanswered submits.
/// Stops in two phases: once stopping is asked it claims nothing new, but finishes sending what it claimed (within
/// <see cref="ShutdownOptions.Timeout"/>; what a killed process leaves claimed comes back when its lease expires).
/// </summary>
internal sealed class SyncWorker(
    OutboxStore outbox,
    OutboxSignal signal,
    BatchStore batches,
    BatchSubmitter submitter,
    SubmissionPause pause,
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
    private long _cursor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        logger.Started(identity.Name);
        var nextSweep = timeProvider.GetUtcNow();
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

    private async Task RunOnceAsync(CancellationToken stoppingToken)
    {
        var options = outboxOptions.Value;
        var paused = pause.Remaining;
        if (paused > TimeSpan.Zero)
        {
            logger.Paused(pause.LastCode, paused);
            await Task.Delay(paused < options.PollInterval ? paused : options.PollInterval, timeProvider, stoppingToken);
            return;
        }

        if (await batches.CountOpenAsync(stoppingToken) >= submissionOptions.Value.MaxOpenBatches)
        {
            await Task.Delay(Backpressure, timeProvider, stoppingToken);
            return;
        }

        // Stopping is checked before the claim, never during it: a claim cancelled mid-statement may commit on the
        // server while this process never learns which rows it holds, and they would wait out the whole lease.
        stoppingToken.ThrowIfCancellationRequested();
        var claimed = await outbox.ClaimAsync(identity.Name, _cursor, options.ClaimSize, options.LeaseDuration, CancellationToken.None);
        if (claimed.Count == 0)
        {
            if (_cursor == 0)
            {
                await signal.WaitAsync(options.PollInterval, stoppingToken);
            }

            _cursor = 0;
            return;
        }

        var heads = claimed.GroupBy(c => (c.ProfileName, c.ProfileKey)).Select(g => g.Min(c => c.Id)).ToList();
        _cursor = heads.Count < options.ClaimSize ? 0 : heads.Max();

        // Once claimed, rows are sent even if stopping was asked meanwhile: handing them back would only delay them.
        await ProcessAsync(claimed, CancellationToken.None);
    }

    private async Task ProcessAsync(IReadOnlyList<ClaimedChange> claimed, CancellationToken cancellationToken)
    {
        var ticket = new ClaimTicket(identity.Name, claimed[0].Fence);
        var valid = new List<ValidChange>(claimed.Count);
        var rejected = new List<RejectedChange>();
        foreach (var change in claimed)
        {
            var (ok, bad) = ChangeValidator.Validate(change);
            if (ok is not null)
            {
                valid.Add(ok);
            }
            else
            {
                rejected.Add(bad!);
            }
        }

        await outbox.RejectAsync(rejected, ticket.Fence, cancellationToken);
        var emptyValues = campaignOptions.Value.EmptyValues;
        var folds = valid.GroupBy(v => (v.ProfileName, v.ProfileKey)).Select(g => ContactFolder.Fold(g.ToList(), emptyValues)).ToList();
        await outbox.ReleaseAsync(folds.SelectMany(f => f.Deferred).ToList(), ticket.Fence, cancellationToken);
        var planned = BatchPlanner.Plan(folds.Select(f => f.Operation), batchingOptions.Value);
        logger.Claimed(claimed.Count, folds.Count, rejected.Count, planned.Count);

        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = submissionOptions.Value.MaxConcurrentSubmits,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(planned, parallel, async (batch, token) => await submitter.SubmitAsync(batch, ticket, token));
    }
}
