using System.Globalization;
using Hangfire.Dashboard;

namespace CampaignSync.Hosting.Dashboard.Pages;

/// <summary>
/// The rows of one failure group, newest first (keyset on when they ended), each linked to its contact; operators
/// may tick rows and retry or discard that selection.
/// </summary>
internal sealed class FailureGroupPage(string code, string description, IReadOnlyList<FailedRow> rows, bool hasMore)
    : CampaignSyncPage("Failure group", CampaignSyncDashboard.FailuresPath)
{
    public static async Task<RazorPage> LoadAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        var code = context.Request.GetQuery("code") ?? "";
        var description = context.Request.GetQuery("description") ?? "";
        var before = long.TryParse(context.Request.GetQuery("before"), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;
        var rows = await store.GroupRowsAsync(code, description, before, cancellationToken);
        return new FailureGroupPage(code, description, rows.Take(DashboardStore.PageSize).ToList(), rows.Count > DashboardStore.PageSize);
    }

    protected override void Content()
    {
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
                <tr><td>{box}</td><td>{row.Id}</td><td>{row.ProfileName}</td><td><a href="{ContactUrl(row.ProfileName, row.ProfileKey)}">{row.ProfileKey}</a></td>
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
            Emit($"<a class=\"btn btn-default\" href=\"{Link(CampaignSyncDashboard.FailureGroupPath, ("code", code), ("description", description), ("before", rows[^1].Id))}\">Older rows</a>");
        }
    }
}
