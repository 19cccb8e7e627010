using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>Every request (batch), newest first, a page at a time (keyset on the id).</summary>
internal sealed class RequestsPage(IReadOnlyList<RequestRow> requests, bool hasOlder)
    : CampaignSyncPage("Requests", CampaignSyncDashboard.RequestsPath)
{
    public static async Task<RazorPage> LoadAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        var rows = await store.RequestsAsync(QueryId(context, "before") ?? long.MaxValue, cancellationToken);
        return new RequestsPage(rows.Take(DashboardStore.PageSize).ToList(), rows.Count > DashboardStore.PageSize);
    }

    protected override void Content()
    {
        if (requests.Count == 0)
        {
            Emit($"<p class=\"text-muted\">No requests.</p>");
            return;
        }

        Emit($"""
            <table class="table table-striped table-condensed campaign-sync-requests"><thead><tr>
            <th>#</th><th>State</th><th>Profile</th><th>Operation</th><th class="text-right">Records</th><th>Request id</th>
            <th class="text-right">Polls</th><th class="text-right">Error lines</th><th>Code</th><th>Created</th><th>Submit</th><th>Total</th>
            </tr></thead><tbody>
            """);
        foreach (var r in requests)
        {
            var mismatch = r.CountMismatch ? HtmlEncodingFormatter.Render($" <span class=\"label label-danger\" title=\"update-count {r.UpdateCount:N0}\">count mismatch</span>") : new NonEscapedString("");
            Emit($"""
                <tr><td><a href="{RequestUrl(r.Id)}">{r.Id}</a></td><td>{StateLabel(r.State)}{mismatch}</td><td>{r.ProfileName}</td>
                <td>{r.Operation}</td><td class="text-right">{r.RecordCount:N0}</td><td>{CodeText(r.RequestId)}</td>
                <td class="text-right">{r.Polls:N0}</td><td class="text-right">{r.ErrorLines:N0}</td><td title="{r.Description}">{r.Code}</td>
                <td>{Time(r.CreatedAt)}</td><td>{Duration(r.SubmittedAt - r.CreatedAt)}</td><td>{Duration(r.CompletedAt - r.CreatedAt)}</td></tr>
                """);
        }

        Emit($"</tbody></table>");
        if (hasOlder)
        {
            Emit($"<a class=\"btn btn-default\" href=\"{Link(CampaignSyncDashboard.RequestsPath, ("before", requests[^1].Id))}\">Older requests</a>");
        }
    }
}
