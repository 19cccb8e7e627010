using CampaignSync.Polling;

namespace CampaignSync.UnitTests.Polling;

public sealed class PollingOptionsTests
{
    [Fact]
    public void A_poll_counts_as_lost_90_seconds_late_by_default()
    {
        Assert.Equal(TimeSpan.FromSeconds(90), new PollingOptions().LostPollAfter);
    }

    [Fact]
    public void A_short_grace_and_poll_delay_make_a_lost_poll_come_back_in_seconds()
    {
        var options = new PollingOptions { MaxPollDelay = TimeSpan.FromSeconds(1), LostPollGrace = TimeSpan.FromSeconds(2) };

        Assert.Equal(TimeSpan.FromSeconds(4), options.LostPollAfter);
    }
}
