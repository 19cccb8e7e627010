using CampaignSync.Hosting;

namespace CampaignSync.Retention;

internal static class RetentionServiceCollectionExtensions
{
    /// <summary>
    /// Retention (issue 14): its options and store, and its Hangfire recurring job, put in place at start-up by
    /// <see cref="RetentionSchedule"/>.
    /// </summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<RetentionOptions>(RetentionOptions.SectionName);
        builder.Services.AddSingleton<RetentionStore>();
        builder.Services.AddTransient<RetentionJob>();
        builder.Services.AddHostedService<RetentionSchedule>();
        return builder;
    }
}
