using System.Globalization;
using CampaignSync.Crm;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// A full CRM resync from the Overview: enqueues the same run as the CLI's <c>crm-sync --full</c> as a Hangfire job,
/// under the signed-in operator's name (the run records the operator action when it writes its rows). Hangfire's
/// middleware has already checked the antiforgery token; a read-only user is refused, and so is a worker whose CRM
/// sync is not enabled. The answer is a redirect to the job on Hangfire's own Jobs pages.
/// </summary>
internal sealed class CrmResyncDispatcher : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var logger = http.RequestServices.GetRequiredService<ILogger<CrmResyncDispatcher>>();
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var actor = FailureActionDispatcher.ActorOf(http);
        if (context.IsReadOnly || actor is null)
        {
            logger.CrmResyncRefused(context.IsReadOnly ? "the user is read-only" : "the user has no name to record");
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        if (!http.RequestServices.GetRequiredService<IOptions<CrmOptions>>().Value.Enabled)
        {
            logger.CrmResyncRefused("the CRM sync is not enabled (Crm:Enabled)");
            http.Response.StatusCode = StatusCodes.Status409Conflict;
            return;
        }

        var jobId = http.RequestServices.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<CrmSyncJob>(job => job.ResyncAsync(actor, CancellationToken.None));
        logger.CrmResyncEnqueued(jobId);
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = new UrlHelper(context).To(string.Create(CultureInfo.InvariantCulture, $"/jobs/details/{jobId}"));
        await Task.CompletedTask;
    }
}
