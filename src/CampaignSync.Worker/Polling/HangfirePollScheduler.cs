using CampaignSync.Submission;
using Hangfire;
using Microsoft.Extensions.Options;

namespace CampaignSync.Polling;

/// <summary>Schedules status polls as Hangfire jobs: one job per request, never one per contact.</summary>
internal sealed class HangfirePollScheduler(IBackgroundJobClient jobs, IOptions<PollingOptions> options) : IStatusPollScheduler
{
    public TimeSpan FirstPollDelay => options.Value.FirstPollDelay;

    public void ScheduleFirstPoll(long batchId) => Schedule(batchId, FirstPollDelay);

    /// <summary>Schedules a poll of the batch after <paramref name="delay"/>. Duplicates are harmless: polls are reentrant.</summary>
    public void Schedule(long batchId, TimeSpan delay) =>
        jobs.Schedule<QueryStatusPollJob>(job => job.PollAsync(batchId, CancellationToken.None), delay);
}
