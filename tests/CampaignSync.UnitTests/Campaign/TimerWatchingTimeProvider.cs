using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace CampaignSync.UnitTests.Campaign;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that announces every timer it creates, so a test can wait until Polly has
/// started a wait of a given length and then advance time by exactly that much: no sleeps, no races.
/// </summary>
internal sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public TimerWatchingTimeProvider()
        : base(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        _timers.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>Waits (with the test's deadline) until a timer due in <paramref name="dueTime"/> has been created.</summary>
    public async Task WaitForTimerAsync(TimeSpan dueTime)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        while (await _timers.Reader.ReadAsync(deadline.Token) != dueTime)
        {
        }
    }
}
