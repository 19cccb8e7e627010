using CampaignSync.Crm;
using CampaignSync.Operations;
using CampaignSync.Outbox;
using CampaignSync.Retention;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// The operators' pause switch (with its button for operators), the outbox by state, the oldest pending row's age,
/// requests in flight, records per minute over the last hour and the requests whose update-count did not match, each
/// lane's rows left and time to finish, and how far back history goes (the Retention settings).
/// </summary>
internal sealed class OverviewPage(
    PauseState pause,
    OutboxFigures figures,
    FinishedCounts? finished,
    IReadOnlyList<MinuteCount> minutes,
    IReadOnlyList<RequestRow> mismatches,
    IReadOnlyList<LaneProgress> lanes,
    bool crmEnabled,
    RetentionOptions retention) : CampaignSyncPage("Campaign Sync", CampaignSyncDashboard.OverviewPath)
{
    public static async Task<RazorPage> LoadAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        var pause = await context.GetHttpContext().RequestServices.GetRequiredService<PauseSwitchStore>().ReadAsync(cancellationToken);
        var (figures, finished) = await store.FiguresAsync(cancellationToken);
        var minutes = await store.RecordsPerMinuteAsync(cancellationToken);
        var mismatches = figures.CountMismatches == 0 ? [] : await store.MismatchesAsync(cancellationToken);
        var lanes = await store.LanesAsync(cancellationToken);
        var services = context.GetHttpContext().RequestServices;
        var retention = services.GetRequiredService<IOptions<RetentionOptions>>().Value;
        var crmEnabled = services.GetRequiredService<IOptions<CrmOptions>>().Value.Enabled;
        return new OverviewPage(pause, figures, finished, minutes, mismatches, lanes, crmEnabled, retention);
    }

    protected override void Content()
    {
        PauseSwitch();
        Emit($"<div class=\"row\"><div class=\"col-md-5\"><h3>Outbox rows by state</h3><table class=\"table table-condensed campaign-sync-states\">");
        StateRow("pending", figures.Pending);
        StateRow("in_flight", figures.InFlight);
        if (finished is not null)
        {
            StateRow("succeeded", finished.Succeeded);
            StateRow("superseded", finished.Superseded);
        }
        else
        {
            var rest = Math.Max(0, figures.EstimatedRows - figures.Pending - figures.InFlight - figures.Failed - figures.Dead);
            Emit($"<tr><td>succeeded or superseded</td><td class=\"text-right\">≈ {rest:N0} <small class=\"text-muted\">(planner estimate)</small></td></tr>");
        }

        StateRow("failed", figures.Failed);
        StateRow("dead", figures.Dead);
        Emit($"</table></div><div class=\"col-md-7\"><h3>Now</h3><table class=\"table table-condensed\">");
        Emit($"<tr><td>Oldest pending row</td><td class=\"text-right\" id=\"oldest-pending\">{Duration(TimeSpan.FromSeconds(figures.OldestPendingAgeSeconds))}</td></tr>");
        Emit($"<tr><td>Requests in flight (submitting, submitted, polling)</td><td class=\"text-right\" id=\"requests-in-flight\">{figures.OpenRequests:N0}</td></tr>");
        Emit($"<tr><td>Stalled requests (past their deadline, still processing; their contacts wait: <code>abandon --batch N</code>)</td><td class=\"text-right\" id=\"stalled-requests\">{figures.StalledRequests:N0}</td></tr>");
        Emit($"<tr><td>Update-count mismatches</td><td class=\"text-right\" id=\"count-mismatches\">{figures.CountMismatches:N0}</td></tr>");
        Emit($"</table></div></div><h3>Lanes</h3><p class=\"text-muted\">Live rows are claimed first; a backfill in the bulk lane fills what they leave. Time to finish at the last five minutes' rate.</p><table class=\"table table-condensed campaign-sync-lanes\"><thead><tr><th>Lane</th><th class=\"text-right\">Rows left</th><th class=\"text-right\">Rows per second</th><th class=\"text-right\">Done in</th></tr></thead><tbody>");
        foreach (var lane in lanes)
        {
            var eta = lane.EtaSeconds is { } seconds ? Duration(TimeSpan.FromSeconds(seconds)) : "unknown";
            Emit($"<tr><td>{lane.Lane}</td><td class=\"text-right\" id=\"lane-{lane.Lane}-left\">{lane.RowsLeft:N0}</td><td class=\"text-right\">{lane.RowsPerSecond:N1}</td><td class=\"text-right\" id=\"lane-{lane.Lane}-eta\">{eta}</td></tr>");
        }

        Emit($"</tbody></table>");
        if (crmEnabled && !IsReadOnly)
        {
            Emit($"""
                <form method="post" action="{Url.To(CampaignSyncDashboard.CrmResyncPath)}">{AntiforgeryField()}<button type="submit" class="btn btn-default btn-xs campaign-sync-crm-resync">Full CRM resync</button>
                <small class="text-muted">re-sends every CRM contact in the bulk lane, like <code>crm-sync --full</code>, recorded under your name</small></form>
                """);
        }

        Emit($"<h3>Records per minute, last hour</h3><p class=\"text-muted\">Records of the requests that completed in each minute.</p>");
        Emit($"{RecordsChart.Render(minutes)}");
        if (mismatches.Count > 0)
        {
            Emit($"<h3>Update-count mismatches</h3><table class=\"table table-striped\"><thead><tr><th>Request</th><th>Records</th><th>Error lines</th><th>Update-count</th><th>Completed</th></tr></thead><tbody>");
            foreach (var batch in mismatches)
            {
                Emit($"<tr><td><a href=\"{RequestUrl(batch.Id)}\">#{batch.Id}</a></td><td>{batch.RecordCount:N0}</td><td>{batch.ErrorLines:N0}</td><td>{batch.UpdateCount:N0}</td><td>{Time(batch.CompletedAt)}</td></tr>");
            }

            Emit($"</tbody></table>");
        }

        Emit($"<h3>History kept</h3><p class=\"text-muted\">Older records are deleted by the retention job (settings <code>Retention:*</code>), counted from when each became final.</p><table class=\"table table-condensed campaign-sync-retention\">");
        RetentionRow("Succeeded and superseded rows, with their history", "final-rows", retention.FinalRows);
        RetentionRow("Failed and dead rows (discarded ones too), with their history", "failed-rows", retention.FailedRows);
        RetentionRow("Operator actions (retry, discard, abandon)", "operator-actions", retention.OperatorActions);
        RetentionRow("CRM sync runs", "crm-runs", retention.CrmRuns);
        RetentionRow("Hangfire jobs that failed", "hangfire-failed-jobs", retention.HangfireFailedJobs);
        Emit($"</table>");
    }

    private void RetentionRow(string what, string id, TimeSpan age) =>
        Emit($"<tr><td>{what}</td><td class=\"text-right\" id=\"retention-{id}\">{Duration(age)}</td></tr>");

    /// <summary>Whether an operator paused every replica, and for operators the button that flips it.</summary>
    private void PauseSwitch()
    {
        if (pause.Paused)
        {
            Emit($"""
                <div class="alert alert-warning" id="pause-switch" data-paused="true"><strong>Paused</strong> by {pause.Actor} since
                {Time(pause.ChangedAt)} (operator action {pause.ActionId}): no replica claims or submits rows; requests already sent are
                still polled. {SwitchButton(CampaignSyncDashboard.ResumePath, "Resume", "btn-primary")}</div>
                """);
            return;
        }

        Emit($"""
            <p id="pause-switch" data-paused="false">Running on every replica. {SwitchButton(CampaignSyncDashboard.PausePath, "Pause", "btn-default")}
            <small class="text-muted">(pause: no replica claims or submits until resume; the CLI's <code>pause</code> and <code>resume</code> do the same)</small></p>
            """);
    }

    private NonEscapedString SwitchButton(string path, string label, string style) => IsReadOnly
        ? new NonEscapedString("")
        : HtmlEncodingFormatter.Render($"""
            <form method="post" action="{Url.To(path)}" style="display:inline">{AntiforgeryField()}<button type="submit" class="btn {style} btn-xs campaign-sync-{label.ToLowerInvariant()}">{label}</button></form>
            """);

    private void StateRow(string state, long count) =>
        Emit($"<tr><td>{StateLabel(state)}</td><td class=\"text-right\" data-state=\"{state}\">{count:N0}</td></tr>");
}
