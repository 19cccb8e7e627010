using CampaignSync.Submission;
using Microsoft.Extensions.Options;

namespace CampaignSync.Pipeline;

/// <summary>
/// Stop-and-alert: when the API answers that our key is not allowed (430), a method is wrong (405) or both keys
/// are rejected (498), sending more only repeats the fault. The pipeline stops claiming for
/// <see cref="SubmissionOptions.AlertPause"/> and says why; the rows wait as pending without losing an attempt.
/// </summary>
internal sealed class SubmissionPause(TimeProvider timeProvider, IOptions<SubmissionOptions> options)
{
    private long _pausedUntilTicks;

    /// <summary>The code that paused the pipeline last, for status and logs.</summary>
    public string? LastCode { get; private set; }

    /// <summary>Pauses claiming for <see cref="SubmissionOptions.AlertPause"/>, or for <paramref name="duration"/>.</summary>
    public void Trip(string? code, TimeSpan? duration = null)
    {
        LastCode = code;
        var until = timeProvider.GetUtcNow().Add(duration ?? options.Value.AlertPause).UtcTicks;
        Interlocked.Exchange(ref _pausedUntilTicks, until);
    }

    /// <summary>How long claiming must still wait; zero when not paused.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Interlocked.Read(ref _pausedUntilTicks) - timeProvider.GetUtcNow().UtcTicks;
            return left > 0 ? TimeSpan.FromTicks(left) : TimeSpan.Zero;
        }
    }
}
