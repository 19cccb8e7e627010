using CampaignSync.Hosting;

namespace CampaignSync.UnitTests.Hosting;

/// <summary>
/// ASP.NET Core logs every request's path and query at Information (Microsoft.AspNetCore.Hosting.Diagnostics) and its
/// route matches at Debug: the worker's defaults keep those categories at Warning, below any configured level, so a
/// URL never reaches the pod's log unless an operator asks for it (issue 15).
/// </summary>
public sealed class RequestLogLevelTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting")]
    [InlineData("Microsoft.AspNetCore.Routing")]
    public void Request_logging_categories_default_to_Warning(string category)
    {
        var builder = CampaignSyncHost.CreateBuilder();

        Assert.Equal("Warning", builder.Configuration[$"Logging:LogLevel:{category}"]);
    }

    [Fact]
    public void A_configured_level_overrides_the_default()
    {
        var builder = CampaignSyncHost.CreateBuilder(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore.Hosting"] = "Information" });

        Assert.Equal("Information", builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore.Hosting"]);
    }
}
