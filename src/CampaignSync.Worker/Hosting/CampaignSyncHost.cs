using CampaignSync.Campaign;
using CampaignSync.Crm;
using CampaignSync.ErrorFiles;
using CampaignSync.Polling;
using Hangfire;

namespace CampaignSync.Hosting;

/// <summary>Composes the worker: each stage's registration in pipeline order, then the dashboard.</summary>
internal static class CampaignSyncHost
{
    /// <summary>The worker's builder; <paramref name="settings"/> override configuration (the demo and tests use it).</summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddDatabase();
        builder.AddCrmSync();
        builder.AddOutbox();
        builder.AddBatching();
        builder.AddCampaignClient();
        builder.AddSubmission();
        builder.AddStatusPolling();
        builder.AddCrmSyncSchedule();
        builder.AddErrorFiles();
        builder.AddOutcomes();
        builder.AddSyncWorker();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();

        // Local requests only until the dashboard's authentication lands (issue 5); never anonymous from outside.
        app.MapHangfireDashboard("/hangfire");
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
