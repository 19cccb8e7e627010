using CampaignSync.DevHost.PrivateCluster;


namespace CampaignSync.UnitTests.DevHost;

public sealed class PostgresBinariesTests
{
    [Fact]
    public async Task LocateAsync_without_a_server_names_the_package_to_install()
    {
        string[] nowhere = [Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"))];

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PostgresBinaries.LocateAsync(nowhere, TestContext.Current.CancellationToken));

        Assert.Contains("apt-get install -y postgresql", error.Message, StringComparison.Ordinal);
    }
}
