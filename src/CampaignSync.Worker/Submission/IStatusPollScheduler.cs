namespace CampaignSync.Submission;

/// <summary>
/// The hand-off from Submission to Polling: Polling implements it with a Hangfire job, so nothing in this folder
/// references Hangfire (data moves forward; a stage never uses a later stage's types).
/// </summary>
internal interface IStatusPollScheduler
{
    /// <summary>How long after submit the first status poll runs.</summary>
    TimeSpan FirstPollDelay { get; }

    /// <summary>Schedules the first status poll of a submitted request, <see cref="FirstPollDelay"/> from now.</summary>
    void ScheduleFirstPoll(long batchId);
}
