using CampaignSync.Campaign;
using CampaignSync.Crm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CampaignSync.UnitTests.Campaign;

/// <summary>Campaign:BaseUrl and Crm:BaseUrl carry a key or a token: plain http is refused at start-up outside Development.</summary>
public sealed class BaseUrlSchemeTests
{
    private static IHost Build(string environment, string campaignUrl, string crmUrl)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Campaign:BaseUrl"] = campaignUrl,
            ["Campaign:ApiKey"] = "secret-1",
            ["Crm:BaseUrl"] = crmUrl,
        });
        builder.AddCampaignClient();
        builder.AddCrmSync();
        return builder.Build();
    }

    [Theory]
    [InlineData("http://tenant.example.test", "https://api.wethod.test", "Campaign:BaseUrl")]
    [InlineData("https://tenant.example.test", "http://api.wethod.test", "Crm:BaseUrl")]
    public void Http_outside_development_stops_start_up_naming_the_key(string campaignUrl, string crmUrl, string key)
    {
        using var host = Build(Environments.Production, campaignUrl, crmUrl);

        var error = Record.Exception(() =>
        {
            _ = host.Services.GetRequiredService<IOptions<CampaignOptions>>().Value;
            _ = host.Services.GetRequiredService<IOptions<CrmOptions>>().Value;
        });

        var validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(validation.Failures, f => f.Contains(key, StringComparison.Ordinal) && f.Contains("https", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Development", "http://tenant.example.test")]
    [InlineData("Production", "https://tenant.example.test")]
    [InlineData("Production", "http://127.0.0.1:5080/")] // loopback: the bytes never leave the machine (a local simulator or TLS sidecar)
    [InlineData("Production", "http://localhost:5080/")]
    [InlineData("Production", "http://[::1]:5080/")]
    public void Https_or_development_or_loopback_is_accepted(string environment, string url)
    {
        using var host = Build(environment, url, url);

        Assert.Equal(url, host.Services.GetRequiredService<IOptions<CampaignOptions>>().Value.BaseUrl);
        Assert.Equal(url, host.Services.GetRequiredService<IOptions<CrmOptions>>().Value.BaseUrl);
    }
}
