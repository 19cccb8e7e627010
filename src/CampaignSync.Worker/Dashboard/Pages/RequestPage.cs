using System.Globalization;
using System.Text.Json;
using CampaignSync.ErrorFiles;
using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// One request: its state, timings and counts, the error-file lines that did not parse or named no record, and its
/// records with the outcome it gave each (a page at a time, keyset on the outbox id).
/// </summary>
internal sealed class RequestPage(RequestRow? request, IReadOnlyList<RequestRecord> records, bool hasMore, string title)
    : CampaignSyncPage(title, CampaignSyncDashboard.RequestsPath)
{
    public static async Task<RazorPage> LoadAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        var id = long.Parse(context.UriMatch.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var title = string.Create(CultureInfo.InvariantCulture, $"Request #{id}");
        var request = await store.RequestAsync(id, cancellationToken);
        if (request is null)
        {
            context.GetHttpContext().Response.StatusCode = StatusCodes.Status404NotFound;
            return new RequestPage(null, [], false, title);
        }

        var records = await store.RequestRecordsAsync(id, QueryId(context, "after") ?? 0, cancellationToken);
        return new RequestPage(request, records.Take(DashboardStore.PageSize).ToList(), records.Count > DashboardStore.PageSize, title);
    }

    protected override void Content()
    {
        if (request is null)
        {
            Emit($"<p class=\"text-muted\">There is no such request.</p>");
            return;
        }

        var r = request;
        Emit($"""
            <dl class="dl-horizontal campaign-sync-request">
            <dt>State</dt><dd>{StateLabel(r.State)}</dd><dt>Profile</dt><dd>{r.ProfileName}</dd><dt>Operation</dt><dd>{r.Operation}</dd>
            <dt>Records</dt><dd>{r.RecordCount:N0}</dd><dt>Request id</dt><dd>{CodeText(r.RequestId)}</dd><dt>Polls</dt><dd>{r.Polls:N0}</dd>
            <dt>Error lines</dt><dd>{r.ErrorLines:N0}</dd><dt>Update-count</dt><dd>{r.UpdateCount:N0}{(r.CountMismatch ? " (does not match the records minus the error lines)" : "")}</dd>
            <dt>Code</dt><dd>{r.Code} {r.Description}</dd><dt>Created</dt><dd>{Time(r.CreatedAt)}</dd>
            <dt>Submitted</dt><dd>{Time(r.SubmittedAt)} <span class="text-muted">{Duration(r.SubmittedAt - r.CreatedAt)}</span></dd>
            <dt>Completed</dt><dd>{Time(r.CompletedAt)} <span class="text-muted">{Duration(r.CompletedAt - r.CreatedAt)}</span></dd>
            </dl>
            """);
        Anomalies(JsonSerializer.Deserialize(r.AnomaliesJson, ErrorFilesJsonContext.Default.ListStoredAnomaly) ?? []);
        Records();
    }

    private void Anomalies(List<StoredAnomaly> anomalies)
    {
        if (anomalies.Count == 0)
        {
            return;
        }

        Emit($"<h3>Error-file anomalies</h3><table class=\"table table-condensed campaign-sync-anomalies\"><thead><tr><th>Line</th><th>Reason</th><th>Text</th></tr></thead><tbody>");
        foreach (var anomaly in anomalies)
        {
            Emit($"<tr><td>{anomaly.Line:N0}</td><td>{anomaly.Reason}</td><td><code>{anomaly.Raw}</code></td></tr>");
        }

        Emit($"</tbody></table>");
    }

    private void Records()
    {
        Emit($"<h3>Records</h3>");
        if (records.Count == 0)
        {
            Emit($"<p class=\"text-muted\">No records (yet).</p>");
            return;
        }

        Emit($"<table class=\"table table-striped table-condensed campaign-sync-records\"><thead><tr><th>Outbox id</th><th>Key</th><th>Attempt</th><th>Outcome</th><th>Code</th><th>Description</th><th>Recorded</th></tr></thead><tbody>");
        foreach (var record in records)
        {
            Emit($"""
                <tr><td>{record.OutboxId}</td><td><a href="{ContactUrl(record.OutboxId)}">{record.ProfileKey}</a></td>
                <td>{record.Attempt}</td><td>{StateLabel(record.State)}</td><td>{record.Code}</td><td>{record.Description}</td><td>{Time(record.RecordedAt)}</td></tr>
                """);
        }

        Emit($"</tbody></table>");
        if (hasMore)
        {
            Emit($"<a class=\"btn btn-default\" href=\"{Link($"{CampaignSyncDashboard.RequestsPath}/{request!.Id}", ("after", records[^1].OutboxId))}\">More records</a>");
        }
    }
}
