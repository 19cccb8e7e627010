using System.Globalization;
using System.Security.Claims;
using CampaignSync.Operations;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// Retry or discard from the Failures pages: a POSTed group (code and description) or a selection of its rows (ids),
/// applied by <see cref="OperatorActionStore"/>, the same statement as the CLI's <c>retry</c> and <c>discard</c>, which
/// records who, when, the filter and how many. Hangfire's middleware has already checked the antiforgery token; a
/// read-only user is refused here. The answer is a redirect to the Failures page, which shows the recorded action.
/// </summary>
internal sealed class FailureActionDispatcher(OperatorAction action) : IDashboardDispatcher
{
    /// <summary>The actor recorded in Mode None, where nobody signs in (Development only).</summary>
    public const string DevelopmentActor = "dashboard (development)";

    public async Task Dispatch(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var logger = http.RequestServices.GetRequiredService<ILogger<FailureActionDispatcher>>();
        if (!HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return;
        }

        // Hangfire's own commands answer a read-only user 401; the user is known here and may not act, which is a 403
        // (a 401 would also make the browser ask for another credential).
        if (context.IsReadOnly)
        {
            logger.ActionRefused(action, "the user is read-only");
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var filter = FilterOf(await http.Request.ReadFormAsync(http.RequestAborted));
        var actor = ActorOf(http);
        if (filter is null || actor is null)
        {
            logger.ActionRefused(action, filter is null ? "the form names no failure group or no selected row" : "the user has no name to record");
            http.Response.StatusCode = filter is null ? StatusCodes.Status400BadRequest : StatusCodes.Status403Forbidden;
            return;
        }

        var record = await http.RequestServices.GetRequiredService<OperatorActionStore>().ApplyAsync(action, filter, actor, http.RequestAborted);
        logger.ActionApplied(record.ActionId, action, record.RowCount);
        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = new UrlHelper(context).To(
            string.Create(CultureInfo.InvariantCulture, $"{CampaignSyncDashboard.FailuresPath}?action={record.ActionId}"));
    }

    /// <summary>
    /// A group is a non-empty code and a description (possibly ""). A selection form says so, and its ids narrow the
    /// group: a selection with no row ticked is refused rather than taken as the whole group.
    /// </summary>
    private static RowFilter? FilterOf(IFormCollection form)
    {
        var code = form["code"].ToString();
        if (code.Length == 0 || !form.TryGetValue("description", out var description)
            || (form.ContainsKey("selection") && form["ids"].Count == 0))
        {
            return null;
        }

        var ids = new List<long>();
        foreach (var value in form["ids"])
        {
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return null;
            }

            ids.Add(id);
        }

        return new RowFilter(code, null, ids, description.ToString());
    }

    /// <summary>The signed-in user's name, recorded with the action; null when there is none (then nobody may act).</summary>
    public static string? ActorOf(HttpContext http)
    {
        if (http.RequestServices.GetRequiredService<IOptions<DashboardAccessOptions>>().Value.Mode == DashboardAccessMode.None)
        {
            return DevelopmentActor;
        }

        var name = http.User.Identity?.Name ?? http.User.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        return string.IsNullOrWhiteSpace(name) ? null : name;
    }
}
