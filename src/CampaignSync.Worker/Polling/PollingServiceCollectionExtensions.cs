using CampaignSync.Hosting;
using CampaignSync.Submission;

namespace CampaignSync.Polling;

/// <summary>
/// The status polls: the scheduler the Submission stage hands each request to, and the Hangfire job that follows it
/// (run by the server of <c>Scheduling/</c>).
/// </summary>
internal static class PollingServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddStatusPolling(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<PollingOptions>(PollingOptions.SectionName);
        builder.Services.AddSingleton<HangfirePollScheduler>();
        builder.Services.AddSingleton<IStatusPollScheduler>(sp => sp.GetRequiredService<HangfirePollScheduler>());
        builder.Services.AddTransient<SkippedRecordCheck>();
        builder.Services.AddTransient<QueryStatusPollJob>();
        return builder;
    }
}
