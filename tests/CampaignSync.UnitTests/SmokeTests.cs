namespace CampaignSync.UnitTests;

public sealed class SmokeTests
{
    [Fact]
    public void Build_runs_tests() => Assert.Equal(2, 1 + 1);
}
