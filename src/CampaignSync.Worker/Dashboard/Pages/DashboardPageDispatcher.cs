using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// Serves a Campaign Sync page: loads its model with the async store (the request's token), then renders it through
/// Hangfire's page dispatcher, which puts it in the dashboard's layout. Hangfire renders a <see cref="RazorPage"/>
/// only through the dispatcher <see cref="RouteCollectionExtensions.AddRazorPage"/> creates (its type is internal),
/// and that dispatcher's page factory runs synchronously, so the loaded page is handed to one made per request.
/// </summary>
internal sealed class DashboardPageDispatcher(Func<DashboardContext, DashboardStore, CancellationToken, Task<RazorPage>> load)
    : IDashboardDispatcher
{
    public async Task Dispatch(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var page = await load(context, http.RequestServices.GetRequiredService<DashboardStore>(), http.RequestAborted);
        var render = new Hangfire.Dashboard.RouteCollection();
        render.AddRazorPage("/", _ => page);
        await render.FindDispatcher("/").Item1.Dispatch(context);
    }
}
