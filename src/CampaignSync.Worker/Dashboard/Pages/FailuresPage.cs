using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// Failed and dead rows grouped by code and description, each group with its counts, a link to its rows, and (for
/// operators) retry and discard buttons; below, the recent operator actions of the CLI and the dashboard.
/// </summary>
internal sealed class FailuresPage(IReadOnlyList<FailureGroup> groups, IReadOnlyList<OperatorActionEntry> actions, long? doneActionId)
    : CampaignSyncPage("Failures", CampaignSyncDashboard.FailuresPath)
{
    public static async Task<RazorPage> LoadAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        return new FailuresPage(await store.FailureGroupsAsync(cancellationToken), await store.RecentActionsAsync(cancellationToken), QueryId(context, "action"));
    }

    protected override void Content()
    {
        if (actions.FirstOrDefault(a => a.Id == doneActionId) is { } done)
        {
            Emit($"<div class=\"alert alert-success campaign-sync-done\">Operator action {done.Id}: {done.Action} of {done.RowCount:N0} rows ({done.Filter}) by {done.Actor}.</div>");
        }

        Groups();
        Actions();
    }

    private void Groups()
    {
        if (groups.Count == 0)
        {
            Emit($"<p class=\"text-muted\">No failed or dead rows.</p>");
            return;
        }

        Emit($"""
            <table class="table table-striped campaign-sync-groups"><thead><tr><th>Code</th><th>Description</th>
            <th class="text-right">Failed</th><th class="text-right">Dead</th><th>Last</th><th></th></tr></thead><tbody>
            """);
        foreach (var group in groups)
        {
            var rows = group.Code.Length == 0
                ? new NonEscapedString("")
                : HtmlEncodingFormatter.Render($"<a href=\"{Link(CampaignSyncDashboard.FailureGroupPath, ("row", group.RowId))}\">rows</a>");
            Emit($"""
                <tr class="campaign-sync-group" data-code="{group.Code}"><td><code>{group.Code}</code></td><td>{group.Description}</td>
                <td class="text-right">{group.Failed:N0}</td><td class="text-right">{group.Dead:N0}</td><td>{Time(group.LastAt)}</td>
                <td class="text-nowrap">{rows} {GroupButtons(group)}</td></tr>
                """);
        }

        Emit($"</tbody></table>");
    }

    /// <summary>Retry and discard for the whole group; none for viewers, nor for rows without a code (no filter can name them).</summary>
    private NonEscapedString GroupButtons(FailureGroup group)
    {
        if (IsReadOnly || group.Code.Length == 0)
        {
            return new NonEscapedString("");
        }

        return HtmlEncodingFormatter.Render($"""
            <form method="post" action="{Url.To(CampaignSyncDashboard.RetryPath)}" style="display:inline">{AntiforgeryField()}
            <input type="hidden" name="code" value="{group.Code}"><input type="hidden" name="description" value="{group.Description}">
            <button type="submit" class="btn btn-primary btn-xs campaign-sync-retry">Retry {group.Total:N0}</button></form>
            <form method="post" action="{Url.To(CampaignSyncDashboard.DiscardPath)}" style="display:inline">{AntiforgeryField()}
            <input type="hidden" name="code" value="{group.Code}"><input type="hidden" name="description" value="{group.Description}">
            <button type="submit" class="btn btn-default btn-xs campaign-sync-discard">Discard {group.Total:N0}</button></form>
            """);
    }

    private void Actions()
    {
        Emit($"<h3>Recent operator actions</h3>");
        if (actions.Count == 0)
        {
            Emit($"<p class=\"text-muted\">None yet.</p>");
            return;
        }

        Emit($"<table class=\"table table-condensed campaign-sync-actions\"><thead><tr><th>#</th><th>Action</th><th>By</th><th>When</th><th>Filter</th><th class=\"text-right\">Rows</th></tr></thead><tbody>");
        foreach (var action in actions)
        {
            Emit($"<tr><td>{action.Id}</td><td>{action.Action}</td><td>{action.Actor}</td><td>{Time(action.ActedAt)}</td><td><code>{action.Filter}</code></td><td class=\"text-right\">{action.RowCount:N0}</td></tr>");
        }

        Emit($"</tbody></table>");
    }
}
