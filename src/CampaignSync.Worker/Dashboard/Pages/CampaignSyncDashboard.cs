using CampaignSync.Operations;
using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// The Campaign Sync pages and their menu entry in the Hangfire dashboard. Hangfire's routes and menu are
/// process-wide, so they are added once however many hosts a process builds (the tests build several); each request
/// resolves the store of the host that serves it.
/// </summary>
internal static class CampaignSyncDashboard
{
    public const string OverviewPath = "/campaign-sync";
    public const string RequestsPath = "/campaign-sync/requests";
    public const string FailuresPath = "/campaign-sync/failures";
    public const string FailureGroupPath = "/campaign-sync/failures/group";
    public const string RetryPath = "/campaign-sync/failures/retry";
    public const string DiscardPath = "/campaign-sync/failures/discard";
    public const string ContactPath = "/campaign-sync/contact";
    public const string PausePath = "/campaign-sync/pause";
    public const string ResumePath = "/campaign-sync/resume";
    public const string CrmResyncPath = "/campaign-sync/crm/resync";

    private static readonly Lazy<bool> Registration = new(Register);

    /// <summary>Adds the pages and the menu entry, the first time only.</summary>
    public static void EnsureRegistered() => _ = Registration.Value;

    private static bool Register()
    {
        var routes = DashboardRoutes.Routes;
        routes.Add(OverviewPath, new DashboardPageDispatcher(OverviewPage.LoadAsync));
        routes.Add(RequestsPath, new DashboardPageDispatcher(RequestsPage.LoadAsync));
        routes.Add(RequestsPath + @"/(?<id>\d{1,18})", new DashboardPageDispatcher(RequestPage.LoadAsync));
        routes.Add(FailuresPath, new DashboardPageDispatcher(FailuresPage.LoadAsync));
        routes.Add(FailureGroupPath, new DashboardPageDispatcher(FailureGroupPage.LoadAsync));
        routes.Add(RetryPath, new FailureActionDispatcher(OperatorAction.Retry));
        routes.Add(DiscardPath, new FailureActionDispatcher(OperatorAction.Discard));
        routes.Add(ContactPath, new DashboardPageDispatcher(ContactPage.LoadAsync));
        routes.Add(PausePath, new PauseSwitchDispatcher(pause: true));
        routes.Add(ResumePath, new PauseSwitchDispatcher(pause: false));
        routes.Add(CrmResyncPath, new CrmResyncDispatcher());
        NavigationMenu.Items.Add(page => new MenuItem("Campaign Sync", page.Url.To(OverviewPath))
        {
            Active = page.RequestPath.StartsWith(OverviewPath, StringComparison.OrdinalIgnoreCase),
        });
        return true;
    }
}
