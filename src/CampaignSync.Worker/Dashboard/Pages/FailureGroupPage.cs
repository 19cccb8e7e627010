using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// The rows of one failure group, newest first (keyset on when they ended), each linked to its contact; operators
/// may tick rows and retry or discard that selection. The URL names the group by one of its rows (<c>row</c>), so
/// neither its code nor Campaign's description is in a URL; the forms POST them.
/// </summary>
internal sealed class FailureGroupPage(long groupRow, (string Code, string Description)? group, IReadOnlyList<FailedRow> rows, bool hasMore)
    : CampaignSyncPage("Failure group", CampaignSyncDashboard.FailuresPath)
{
    public static async Task<RazorPage> LoadAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        var row = QueryId(context, "row") ?? 0;
        var group = await store.GroupOfRowAsync(row, cancellationToken);
        if (group is not { } found)
        {
            context.GetHttpContext().Response.StatusCode = StatusCodes.Status404NotFound;
            return new FailureGroupPage(row, null, [], false);
        }

        var rows = await store.GroupRowsAsync(found.Code, found.Description, QueryId(context, "before") ?? 0, cancellationToken);
        return new FailureGroupPage(row, group, rows.Take(DashboardStore.PageSize).ToList(), rows.Count > DashboardStore.PageSize);
    }

    protected override void Content()
    {
        if (group is not var (code, description))
        {
            Emit($"<p class=\"text-muted\">This row is no longer failed or dead: its group may have been retried or discarded.</p>");
            return;
        }

        Emit($"<p><code>{code}</code> {description}</p>");
        if (rows.Count == 0)
        {
            Emit($"<p class=\"text-muted\">No failed or dead rows in this group.</p>");
            return;
        }

        if (!IsReadOnly)
        {
            Emit($"""
                <form method="post" action="{Url.To(CampaignSyncDashboard.RetryPath)}" class="campaign-sync-selection">{AntiforgeryField()}
                <input type="hidden" name="code" value="{code}"><input type="hidden" name="description" value="{description}">
                <input type="hidden" name="selection" value="1">
                <p><button type="submit" class="btn btn-primary btn-sm">Retry selected</button>
                <button type="submit" class="btn btn-default btn-sm" formaction="{Url.To(CampaignSyncDashboard.DiscardPath)}">Discard selected</button></p>
                """);
        }

        Emit($"<table class=\"table table-striped table-condensed campaign-sync-group-rows\"><thead><tr><th></th><th>Outbox id</th><th>Profile</th><th>Key</th><th>Operation</th><th>State</th><th class=\"text-right\">Attempts</th><th>Ended</th></tr></thead><tbody>");
        foreach (var row in rows)
        {
            var box = IsReadOnly ? new NonEscapedString("") : HtmlEncodingFormatter.Render($"<input type=\"checkbox\" name=\"ids\" value=\"{row.Id}\">");
            Emit($"""
                <tr><td>{box}</td><td>{row.Id}</td><td>{row.ProfileName}</td><td><a href="{ContactUrl(row.Id)}">{row.ProfileKey}</a></td>
                <td>{row.Operation}</td><td>{StateLabel(row.State)}</td><td class="text-right">{row.Attempts}</td><td>{Time(row.CompletedAt)}</td></tr>
                """);
        }

        Emit($"</tbody></table>");
        if (!IsReadOnly)
        {
            Emit($"</form>");
        }

        if (hasMore)
        {
            Emit($"<a class=\"btn btn-default\" href=\"{Link(CampaignSyncDashboard.FailureGroupPath, ("row", groupRow), ("before", rows[^1].Id))}\">Older rows</a>");
        }
    }
}
