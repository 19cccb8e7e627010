using System.Globalization;
using CampaignSync.Operations;
using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// Pause or resume from the Overview: the same switch and record as the CLI's <c>pause</c> and <c>resume</c>
/// (<see cref="PauseSwitchStore"/>). Hangfire's middleware has already checked the antiforgery token; a read-only user
/// is refused here, as for retry and discard. The answer is a redirect to the Overview, which shows the switch.
/// </summary>
internal sealed class PauseSwitchDispatcher(bool pause) : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var logger = http.RequestServices.GetRequiredService<ILogger<PauseSwitchDispatcher>>();
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        var actor = FailureActionDispatcher.ActorOf(http);
        if (context.IsReadOnly || actor is null)
        {
            logger.PauseSwitchRefused(pause, context.IsReadOnly ? "the user is read-only" : "the user has no name to record");
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var record = await http.RequestServices.GetRequiredService<PauseSwitchStore>().SetAsync(pause, actor, http.RequestAborted);
        logger.PauseSwitched(pause, record?.ActionId);
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = new UrlHelper(context).To(record is null
            ? CampaignSyncDashboard.OverviewPath
            : string.Create(CultureInfo.InvariantCulture, $"{CampaignSyncDashboard.OverviewPath}?action={record.ActionId}"));
    }
}
