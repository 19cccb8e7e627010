using System.Net;
using Npgsql;
using Polly;
using Polly.RateLimiting;

namespace CampaignSync.Campaign;

/// <summary>
/// The pipeline's rate limit, where Polly's per-process limiter was: each attempt waits for its slot of the tenant's
/// budget that every replica shares (<see cref="ICampaignRateBudget"/>), and a 429 with <c>Retry-After</c> holds every
/// replica; a call that could not start within its slot's share of the second takes a new slot. A budget that cannot be read (the database failed) refuses the attempt before anything is sent, as the
/// limiter's rejection did, so the retry may try again.
/// </summary>
internal sealed class CampaignRateStrategy(ICampaignRateBudget budget, TimeProvider timeProvider, ILogger logger) : ResilienceStrategy
{
    protected override async ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback, ResilienceContext context, TState state)
    {
        var cancellationToken = context.CancellationToken;
        try
        {
            await WaitForSlotAsync(cancellationToken);
        }
        catch (NpgsqlException ex)
        {
            logger.RateBudgetUnavailable(ex);
            return Outcome.FromException<TResult>(new RateLimiterRejectedException("The shared rate budget could not be read."));
        }
        catch (OperationCanceledException ex)
        {
            return Outcome.FromException<TResult>(ex);
        }

        var outcome = await callback(context, state);
        if (RetryAfterOf(outcome.Result) is { } retryAfter && retryAfter > TimeSpan.Zero)
        {
            try
            {
                await budget.HoldOffAsync(retryAfter, cancellationToken);
                logger.RateBudgetHeldOff((long)retryAfter.TotalMilliseconds);
            }
            catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
            {
                // This call still waits its Retry-After in the retry; only the other replicas may not hear of it.
                logger.RateBudgetUnavailable(ex);
            }
        }

        return outcome;
    }

    // A slot whose call cannot start in time (this process was slow to wake) is given up for a new one: sent late, it
    // would land in the next second, over that second's budget. Measured from before the reservation, so conservatively.
    private async Task WaitForSlotAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var asked = timeProvider.GetTimestamp();
            var slot = await budget.ReserveAsync(cancellationToken);
            if (slot.Wait > TimeSpan.Zero)
            {
                await Task.Delay(slot.Wait, timeProvider, cancellationToken);
            }

            var late = timeProvider.GetElapsedTime(asked) - slot.Latest;
            if (late <= TimeSpan.Zero)
            {
                return;
            }

            logger.RateSlotMissed((long)late.TotalMilliseconds);
        }
    }

    private TimeSpan? RetryAfterOf(object? result) => result switch
    {
        CampaignAttempt { HttpStatus: (int)HttpStatusCode.TooManyRequests } attempt => attempt.RetryAfter,
        HttpResponseMessage { StatusCode: HttpStatusCode.TooManyRequests } response => CampaignAttempt.ReadRetryAfter(response.Headers, timeProvider),
        _ => null,
    };
}
