using CampaignSync.Outbox;
using CampaignSync.Outcomes;
using CampaignSync.Polling;
using CampaignSync.Submission;
using Microsoft.Extensions.Options;

namespace CampaignSync.Pipeline;

/// <summary>
/// Puts back what a crash or a lost message left behind. Every replica runs it; each step is a guarded update, so
/// running it twice or on two replicas at once is harmless.
/// </summary>
internal sealed class RecoverySweep(
    OutboxStore outbox,
    BatchStore batches,
    OutcomeStore outcomes,
    HangfirePollScheduler scheduler,
    IOptions<PollingOptions> pollingOptions,
    ILogger<RecoverySweep> logger)
{
    private static readonly string[] Submitting = ["submitting"];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        // 1. Claims whose replica died before writing their batches: their holds go (the rows never left pending). So do
        //    holds kept past a finished batch for a write that got no answer, once its deadline passed.
        var released = await outbox.ExpireLeasesAsync(cancellationToken) + await outcomes.ExpireKeptHoldsAsync(cancellationToken);

        // 2. Submits that never got an answer: after the deadline any request they made is over, so send again.
        var unanswered = 0;
        foreach (var batchId in await batches.FindUnansweredPastDeadlineAsync(cancellationToken))
        {
            var verdict = BatchVerdict.All("failed", "unanswered", "the submit got no answer before the request deadline", retryable: true);
            unanswered += await outcomes.FinishAsync(batchId, Submitting, verdict, BatchFacts.None, cancellationToken) ? 1 : 0;
        }

        // 3. Submitted requests whose poll job was lost (crash between submit and schedule, or a purged job).
        var lost = await batches.ClaimLostPollsAsync(pollingOptions.Value.LostPollAfter, cancellationToken);
        foreach (var batchId in lost)
        {
            scheduler.Schedule(batchId, TimeSpan.Zero);
        }

        if (released + unanswered + lost.Count > 0)
        {
            logger.Recovered(released, unanswered, lost.Count);
        }
    }
}
