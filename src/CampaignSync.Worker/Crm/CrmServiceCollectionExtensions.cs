using CampaignSync.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace CampaignSync.Crm;

/// <summary>
/// Registers the CRM sync: its options (validated at start-up), the Wethod client with its resilience pipeline, the
/// mapper, the store and the runner. Its schedule (a Hangfire recurring job) is registered apart, by
/// <see cref="AddCrmSyncSchedule"/>.
/// </summary>
internal static class CrmServiceCollectionExtensions
{
    /// <summary>The largest answer read from Wethod: a page of 100 contacts is a few tens of kilobytes.</summary>
    private const int MaxResponseBytes = 16 * 1024 * 1024;

    public static IHostApplicationBuilder AddCrmSync(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<CrmOptions>(CrmOptions.SectionName);
        var services = builder.Services;
        services.AddSingleton<IValidateOptions<CrmOptions>>(static sp => new SecureBaseUrlValidator<CrmOptions>(
            sp.GetRequiredService<IHostEnvironment>(), "Crm:BaseUrl", static o => o.BaseUrl));
        services.TryAddSingleton(TimeProvider.System);
        services.AddResiliencePipeline<string, WethodAnswer>(WethodResiliencePipeline.Key, WethodResiliencePipeline.Configure);
        services.AddHttpClient<WethodClient>(static (sp, client) =>
            {
                client.BaseAddress = new Uri(sp.GetRequiredService<IOptions<CrmOptions>>().Value.BaseUrl);
                // Polly owns every timeout (per attempt and in total); HttpClient's own would race it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = MaxResponseBytes;
            })
            // The factory's request logs print full URLs and, at Trace, headers (the token); CrmLog logs each page instead.
            .RemoveAllLoggers();
        services.AddSingleton<ContactMapper>();
        services.AddSingleton<CrmStore>();
        services.AddTransient<CrmSyncRunner>();
        return builder;
    }

    /// <summary>
    /// The CRM sync's schedule: a Hangfire recurring job, put in place (or removed) at start-up by
    /// <see cref="CrmSyncSchedule"/> from the <c>Crm</c> section.
    /// Apart from <see cref="AddCrmSync"/>, so a host without Hangfire can run the sync itself.
    /// </summary>
    public static IHostApplicationBuilder AddCrmSyncSchedule(this IHostApplicationBuilder builder)
    {
        builder.Services.AddTransient<CrmSyncJob>();
        builder.Services.AddHostedService<CrmSyncSchedule>();
        return builder;
    }
}
