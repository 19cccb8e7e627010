using Hangfire.Dashboard;

namespace CampaignSync.Hosting.Dashboard.Pages;

/// <summary>
/// One contact's timeline, found by profile name and key: each outbox row (newest first) with the request it went in,
/// every outcome it received (error lines, retries, operator retries) and its final outcome.
/// </summary>
internal sealed class ContactPage(string profile, string key, IReadOnlyList<ContactRow> rows, ILookup<long, ContactEvent> events)
    : CampaignSyncPage("Contact", CampaignSyncDashboard.ContactPath)
{
    /// <summary>The profile the search form starts with (the simulator's and most tenants' contact profile).</summary>
    public const string DefaultProfile = "contacts";

    public static async Task<RazorPage> LoadAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        var profile = context.Request.GetQuery("profile") is { Length: > 0 } p ? p : DefaultProfile;
        var key = context.Request.GetQuery("key") ?? "";
        if (key.Length == 0)
        {
            return new ContactPage(profile, key, [], Enumerable.Empty<ContactEvent>().ToLookup(e => e.OutboxId));
        }

        var (rows, events) = await store.ContactAsync(profile, key, cancellationToken);
        return new ContactPage(profile, key, rows, events.ToLookup(e => e.OutboxId));
    }

    protected override void Content()
    {
        Emit($"""
            <form method="get" action="{Url.To(CampaignSyncDashboard.ContactPath)}" class="form-inline campaign-sync-contact-search">
            <input class="form-control" name="profile" value="{profile}" placeholder="profile name" aria-label="Profile name">
            <input class="form-control" name="key" value="{key}" placeholder="profile key" aria-label="Profile key" size="40">
            <button type="submit" class="btn btn-primary">Show timeline</button></form>
            """);
        if (key.Length == 0)
        {
            return;
        }

        if (rows.Count == 0)
        {
            Emit($"<p class=\"text-muted\">No outbox rows for this contact.</p>");
            return;
        }

        if (rows.Count == DashboardStore.ContactRowLimit)
        {
            Emit($"<p class=\"text-muted\">The latest {rows.Count:N0} rows.</p>");
        }

        foreach (var row in rows)
        {
            Row(row);
        }
    }

    private void Row(ContactRow row)
    {
        Emit($"""
            <div class="panel panel-default campaign-sync-timeline" data-outbox-id="{row.Id}">
            <div class="panel-heading">Outbox row {row.Id}: <strong>{row.Operation}</strong> from {row.Source} {StateLabel(row.State)}
            <span class="text-muted">attempts {row.Attempts}</span></div>
            <ul class="list-group">
            <li class="list-group-item">{Time(row.CreatedAt)} written <code>{row.AttributesJson}</code></li>
            """);
        foreach (var e in events[row.Id])
        {
            var request = e.BatchId is { } batch
                ? HtmlEncodingFormatter.Render($" in request <a href=\"{RequestUrl(batch)}\">#{batch}</a> {CodeText(e.RequestId)}")
                : new NonEscapedString("");
            Emit($"<li class=\"list-group-item\">{Time(e.RecordedAt)} {StateLabel(e.State)} attempt {e.Attempt}{request} {CodeText(e.Code)} {e.Description}</li>");
        }

        if (row.State is "in_flight" && row.BatchId is { } current)
        {
            Emit($"<li class=\"list-group-item\">now {StateLabel(row.State)} in request <a href=\"{RequestUrl(current)}\">#{current}</a></li>");
        }
        else if (row.CompletedAt is not null)
        {
            Emit($"<li class=\"list-group-item campaign-sync-final\">{Time(row.CompletedAt)} final: {StateLabel(row.State)} {CodeText(row.OutcomeCode)} {row.OutcomeDescription}</li>");
        }

        Emit($"</ul></div>");
    }
}
