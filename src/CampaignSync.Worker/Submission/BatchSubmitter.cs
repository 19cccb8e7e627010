using System.Collections.Concurrent;
using System.Diagnostics;
using CampaignSync.Batching;
using CampaignSync.Campaign;
using CampaignSync.Diagnostics;
using CampaignSync.Outbox;
using CampaignSync.Outcomes;
using CampaignSync.Pipeline;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;

namespace CampaignSync.Submission;

/// <summary>
/// Sends planned batches. An upsert batch becomes one async request: its batch row is written first (state
/// <c>submitting</c>), then the call, then the request id, then the first status poll is scheduled. A request
/// rejected as a whole for invalid input (1001) is split in halves and resent until the bad record stands alone.
/// A delete batch is a group of single delete calls (the API has no batch delete), answered at once, so its
/// outcomes are written here and it skips polling; so is an upsert batch under <c>Campaign:UpsertTransport</c> Bulk
/// (calls of up to 100 records) or Single (one call a record).
/// </summary>
internal sealed class BatchSubmitter(
    ICampaignClient client,
    BatchStore batches,
    OutcomeStore outcomes,
    IStatusPollScheduler polls,
    SubmissionPause pause,
    OperatorPause operatorPause,
    IOptions<SubmissionOptions> options,
    IOptions<CampaignOptions> campaignOptions,
    TimeProvider timeProvider,
    ILogger<BatchSubmitter> logger)
{
    // Only "invalid input" can be one record's fault; 3005/7031 (profile unknown or mismatched) fail every half alike.
    private const string InvalidInputCode = "1001";
    private const string CircuitOpenCode = "circuit_open";
    private const string NotSentCode = "not_sent";
    private const string UnverifiedCode = "unverified";
    private const string NotSentDescription = "the request's deadline was too close to start a call; nothing was sent";
    private const string PausedCode = "paused";
    private const string PausedDescription = "an operator paused sending (pause) after the rows were claimed; nothing was sent";
    private static readonly TimeSpan CircuitBreakPause = TimeSpan.FromSeconds(30);
    private static readonly string[] Submitting = ["submitting"];

    /// <summary>Sends one batch; returns false when our claim had lapsed and nothing was sent.</summary>
    public async Task<bool> SubmitAsync(PlannedBatch batch, ClaimTicket claim, CancellationToken cancellationToken)
    {
        var batchId = await batches.CreateAsync(batch, claim, options.Value.RequestDeadline, cancellationToken);
        if (batchId is null)
        {
            logger.ClaimLapsed(claim.Fence, batch.Records.Count);
            return false;
        }

        // The operators' switch holds every submit, also of rows claimed just before it was set: they wait as pending.
        if (await operatorPause.IsOnAsync(cancellationToken))
        {
            await NotSentAsync(batchId.Value, PausedCode, PausedDescription, cancellationToken);
            return true;
        }

        using var activity = CampaignSyncActivity.Source.StartActivity("campaign_sync.submit");
        activity?.SetTag(CampaignSyncActivity.BatchIdTag, batchId.Value);
        activity?.SetTag(CampaignSyncActivity.RecordCountTag, batch.Records.Count);
        if (batch.Operation == ChangeOperation.Delete)
        {
            await DeleteAllAsync(batchId.Value, batch, cancellationToken);
        }
        else
        {
            await SendUpsertAsync(batchId.Value, batch, claim, cancellationToken);
        }

        return true;
    }

    private async Task SendUpsertAsync(long batchId, PlannedBatch batch, ClaimTicket claim, CancellationToken cancellationToken)
    {
        var mayCall = await OpenFenceAsync(batchId, cancellationToken);
        if (!mayCall())
        {
            await NotSentAsync(batchId, NotSentCode, NotSentDescription, cancellationToken);
            return;
        }

        var transport = campaignOptions.Value.UpsertTransport;
        if (transport != UpsertTransport.AsyncFile)
        {
            await SendAtOnceAsync(batchId, batch, transport, mayCall, cancellationToken);
            return;
        }

        CampaignReply<string> reply;
        try
        {
            reply = await client.SubmitUpsertBatchAsync(ToRequest(batch), cancellationToken);
        }
        catch (BrokenCircuitException ex)
        {
            await CircuitOpenAsync(batchId, ex, cancellationToken);
            return;
        }

        switch (reply.Kind)
        {
            case CampaignOutcomeKind.Success:
                Activity.Current?.SetTag(CampaignSyncActivity.RequestIdTag, reply.Value);
                if (!await batches.MarkSubmittedAsync(batchId, reply.Value!, polls.FirstPollDelay, cancellationToken))
                {
                    // Only possible if the call outlived Campaign:TotalTimeout, which the fence and start-up check rule out.
                    logger.AcceptedTooLate(batchId);
                    break;
                }

                polls.ScheduleFirstPoll(batchId);
                logger.Submitted(batchId, batch.Records.Count);
                break;
            case CampaignOutcomeKind.PermanentFailure when batch.Records.Count > 1 && reply.Code == InvalidInputCode:
                await SplitAsync(batchId, batch, claim, reply, cancellationToken);
                break;
            case CampaignOutcomeKind.Ambiguous:
                // The request may exist: resending now could put two requests for these contacts in flight.
                // The rows wait for the deadline; the sweep then sends them again.
                await batches.MarkUnansweredAsync(batchId, reply.Code, reply.Description, cancellationToken);
                logger.SubmitUnanswered(batchId, reply.Code);
                break;
            default:
                await FailWholeAsync(batchId, reply.Kind, reply.Code, reply.Description, cancellationToken);
                break;
        }
    }

    private async Task SplitAsync(long batchId, PlannedBatch batch, ClaimTicket claim, CampaignReply<string> reply,
        CancellationToken cancellationToken)
    {
        var middle = batch.Records.Count / 2;
        var halves = new[]
        {
            batch with { Records = batch.Records.Take(middle).ToList() },
            batch with { Records = batch.Records.Skip(middle).ToList() },
        };
        var childIds = new List<long>();
        foreach (var half in halves)
        {
            var childId = await batches.CreateHalfAsync(batchId, half, claim, options.Value.RequestDeadline, cancellationToken);
            if (childId is null)
            {
                logger.ClaimLapsed(claim.Fence, half.Records.Count);
                return;
            }

            childIds.Add(childId.Value);
        }

        await batches.MarkSplitAsync(batchId, reply.Code, $"split into batches {string.Join(", ", childIds)}: {reply.Description}", cancellationToken);
        logger.Split(batchId, batch.Records.Count, reply.Code);
        for (var i = 0; i < halves.Length; i++)
        {
            await SendUpsertAsync(childIds[i], halves[i], claim, cancellationToken);
        }
    }

    private async Task FailWholeAsync(long batchId, CampaignOutcomeKind kind, string? code, string? description,
        CancellationToken cancellationToken)
    {
        var stop = kind is CampaignOutcomeKind.StopAndAlert or CampaignOutcomeKind.RefreshAndRetry;
        if (stop)
        {
            pause.Trip(code);
            logger.StopAndAlert(batchId, code);
        }

        // Every answer but a permanent failure proves the submit was refused (an unproven one is Ambiguous): no attempt.
        var refused = kind != CampaignOutcomeKind.PermanentFailure;
        var verdict = BatchVerdict.All("failed", code ?? "unknown", description ?? kind.ToString(), retryable: refused, refused: refused);
        await outcomes.FinishAsync(batchId, Submitting, verdict, BatchFacts.None, cancellationToken);
        logger.BatchFailed(batchId, kind.ToString(), code);
    }

    // The fence of every call (BatchSql.SendWindow): read once per batch, then checked before each call on the
    // monotonic clock, started before the read so that the database's time to answer only shortens the window.
    private async Task<Func<bool>> OpenFenceAsync(long batchId, CancellationToken cancellationToken)
    {
        var opened = timeProvider.GetTimestamp();
        var window = await batches.SendWindowAsync(batchId, campaignOptions.Value.TotalTimeout, cancellationToken);
        return () => timeProvider.GetElapsedTime(opened) < window;
    }

    // Too close to the deadline to start a call (or already ended by the sweep), or paused by an operator: nothing was
    // sent, no attempt is used.
    private async Task NotSentAsync(long batchId, string code, string description, CancellationToken cancellationToken)
    {
        var verdict = BatchVerdict.All("failed", code, description, retryable: true, refused: true);
        await outcomes.FinishAsync(batchId, Submitting, verdict, BatchFacts.None, cancellationToken);
        logger.BatchFailed(batchId, "not sent", code);
    }

    // The circuit is open: nothing was sent. Claiming pauses for the break, and the rows wait without losing an attempt.
    private async Task CircuitOpenAsync(long batchId, BrokenCircuitException ex, CancellationToken cancellationToken)
    {
        pause.Trip(CircuitOpenCode, ex.RetryAfter ?? CircuitBreakPause);
        var verdict = BatchVerdict.All("failed", CircuitOpenCode, "the Campaign circuit breaker was open; nothing was sent",
            retryable: true, refused: true);
        await outcomes.FinishAsync(batchId, Submitting, verdict, BatchFacts.None, cancellationToken);
        logger.BatchFailed(batchId, nameof(BrokenCircuitException), CircuitOpenCode);
    }

    private async Task DeleteAllAsync(long batchId, PlannedBatch batch, CancellationToken cancellationToken)
    {
        var errors = new ConcurrentBag<RecordError>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.DeleteConcurrency, CancellationToken = cancellationToken };
        var mayCall = await OpenFenceAsync(batchId, cancellationToken);
        await Parallel.ForEachAsync(Enumerable.Range(0, batch.Records.Count), parallel, async (i, token) =>
        {
            var record = batch.Records[i];
            var (reply, refused) = await CallAsync(mayCall,
                t => client.DeleteProfileAsync(new ProfileDelete(record.ProfileName, record.ProfileKey, batch.Exparams), t), token);
            if (!reply.IsSuccess)
            {
                errors.Add(Failure(i + 1, reply, refused));
            }
        });
        await outcomes.FinishAsync(batchId, Submitting, new BatchVerdict("completed", errors.ToList()), BatchFacts.None, cancellationToken);
        logger.DeletesDone(batchId, batch.Records.Count, errors.Count);
    }

    // Single and Bulk answer at once: like a delete group, the calls run concurrently (Submission:DeleteConcurrency,
    // under the rate limit), each record's outcome comes from its answer, and the batch skips polling.
    private async Task SendAtOnceAsync(long batchId, PlannedBatch batch, UpsertTransport transport, Func<bool> mayCall,
        CancellationToken cancellationToken)
    {
        var request = ToRequest(batch);
        var size = transport == UpsertTransport.Single ? 1 : CampaignDefaults.MaxBulkRecords;
        var errors = new ConcurrentBag<RecordError>();
        long applied = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Value.DeleteConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, (request.Records.Count + size - 1) / size), parallel, async (chunk, token) =>
        {
            var part = request with { Records = request.Records.Skip(chunk * size).Take(size).ToList() };
            var updates = transport == UpsertTransport.Single
                ? await SingleAsync(part, chunk + 1, errors, mayCall, token)
                : await BulkAsync(part, chunk * size, errors, mayCall, token);
            Interlocked.Add(ref applied, updates);
        });
        await outcomes.FinishAsync(batchId, Submitting, new BatchVerdict("completed", errors.ToList()),
            BatchFacts.None with { UpdateCount = applied }, cancellationToken);
        var notApplied = errors.Count(e => !e.Skipped);
        logger.UpsertsAnswered(batchId, transport, batch.Records.Count, notApplied);
    }

    private async Task<long> SingleAsync(UpsertBatch record, int index, ConcurrentBag<RecordError> errors, Func<bool> mayCall,
        CancellationToken cancellationToken)
    {
        var (reply, refused) = await CallAsync(mayCall, t => client.UpsertProfileAsync(record, t), cancellationToken);
        if (!reply.IsSuccess)
        {
            errors.Add(Failure(index, reply, refused));
            return 0;
        }

        if (reply.Value == 0)
        {
            errors.Add(NotApplied(index, record.UpsertMode));
        }

        return reply.Value;
    }

    // One invalid entry fails the whole bulk call with 1001: the halves are sent until it stands alone. (A defect every
    // entry shares never gets here: the profile metadata check failed those rows before folding.)
    private async Task<long> BulkAsync(UpsertBatch part, int offset, ConcurrentBag<RecordError> errors, Func<bool> mayCall,
        CancellationToken cancellationToken)
    {
        var (reply, refused) = await CallAsync(mayCall, t => client.UpsertBulkAsync(part, t), cancellationToken);
        if (reply.Kind == CampaignOutcomeKind.PermanentFailure && reply.Code == InvalidInputCode && part.Records.Count > 1)
        {
            var middle = part.Records.Count / 2;
            return await BulkAsync(part with { Records = part.Records.Take(middle).ToList() }, offset, errors, mayCall, cancellationToken)
                + await BulkAsync(part with { Records = part.Records.Skip(middle).ToList() }, offset + middle, errors, mayCall, cancellationToken);
        }

        if (!reply.IsSuccess)
        {
            foreach (var i in Enumerable.Range(offset + 1, part.Records.Count))
            {
                errors.Add(Failure(i, reply, refused));
            }

            return 0;
        }

        long applied = 0;
        foreach (var (result, i) in reply.Value!.Select((result, i) => (result, offset + i + 1)))
        {
            if (!string.IsNullOrWhiteSpace(result.Code))
            {
                // As an error-file line: the record's own failure, retried only for a documented retryable code.
                var retryable = CampaignErrorCodes.TryGetRow(result.Code, out var row) && row.KindFor(CampaignEndpoint.BulkUpsert) == CampaignOutcomeKind.Retryable;
                errors.Add(new RecordError(i, result.Code.Trim(), result.Description ?? result.Code.Trim(), retryable));
            }
            else if (result.UpdateCount is null or 0)
            {
                errors.Add(NotApplied(i, part.UpsertMode));
            }
            else
            {
                applied += result.UpdateCount.Value;
            }
        }

        return applied;
    }

    // update-count 0 on a create-only or update-only record is Campaign skipping it by the mode's rule; on create-or-update
    // it means the values were not applied (the documented caveat), so the record is sent again.
    private static RecordError NotApplied(int index, int upsertMode) => upsertMode is 0 or 2
        ? RecordError.SkippedByMode(index, (short)upsertMode)
        : new RecordError(index, UnverifiedCode, "Campaign answered update-count 0: the record's values were not applied", Retryable: true);

    // One call of a group answered at once, behind the fence: too close to the deadline it is not sent; an open circuit,
    // 430/405 or 498 pause claiming. Refused: the call provably reached nothing (it costs no attempt, only a refusal).
    private async Task<(CampaignReply<T> Reply, bool Refused)> CallAsync<T>(
        Func<bool> mayCall, Func<CancellationToken, Task<CampaignReply<T>>> call, CancellationToken cancellationToken)
    {
        if (!mayCall())
        {
            return (new CampaignReply<T>(CampaignOutcomeKind.Retryable, default, NotSentCode, NotSentDescription), true);
        }

        try
        {
            var reply = await call(cancellationToken);
            var stop = reply.Kind is CampaignOutcomeKind.StopAndAlert or CampaignOutcomeKind.RefreshAndRetry;
            if (stop)
            {
                pause.Trip(reply.Code);
            }

            return (reply, stop);
        }
        catch (BrokenCircuitException ex)
        {
            pause.Trip(CircuitOpenCode, ex.RetryAfter ?? CircuitBreakPause);
            return (new CampaignReply<T>(CampaignOutcomeKind.Retryable, default, CircuitOpenCode, "the Campaign circuit breaker was open"), true);
        }
    }

    // An ambiguous reply (no answer, or one a gateway may have given while the call goes on) may still be applied: its row
    // waits for the request's deadline (RecordError.Unanswered).
    private static RecordError Failure<T>(int index, CampaignReply<T> reply, bool refused) =>
        new(index, reply.Code ?? reply.Kind.ToString(), reply.Description ?? reply.Kind.ToString(),
            reply.Kind != CampaignOutcomeKind.PermanentFailure, Refused: refused, Unanswered: reply.Kind == CampaignOutcomeKind.Ambiguous);

    private static UpsertBatch ToRequest(PlannedBatch batch) => new(
        batch.ProfileName,
        batch.UpsertMode,
        batch.UpdateLink,
        batch.Exparams,
        batch.AttributeNames,
        batch.Records.Select(r => new UpsertRecord(r.ProfileKey,
            batch.AttributeNames.Select(n => r.Attributes.GetValueOrDefault(n)).ToList())).ToList());
}
