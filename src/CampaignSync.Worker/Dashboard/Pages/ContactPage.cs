using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// One contact's timeline: each outbox row (newest first) with the request it went in, every outcome it received
/// (error lines, retries, operator retries) and its final outcome. The contact is found by profile name and key from
/// the search form, which is POSTed, or by one of its rows (<c>row</c>), which other pages link to: a profile key (an
/// e-mail address in most mappings) is never in a URL, so no request log, proxy log or browser history holds it.
/// </summary>
internal sealed class ContactPage(string profile, string key, IReadOnlyList<ContactRow> rows, ILookup<long, ContactEvent> events)
    : CampaignSyncPage("Contact", CampaignSyncDashboard.ContactPath)
{
    /// <summary>The profile the search form starts with (the simulator's and most tenants' contact profile).</summary>
    public const string DefaultProfile = "contacts";

    public static async Task<RazorPage> LoadAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        var (profile, key) = await ContactOfAsync(context, store, cancellationToken);
        if (key.Length == 0)
        {
            return new ContactPage(profile, key, [], Enumerable.Empty<ContactEvent>().ToLookup(e => e.OutboxId));
        }

        var (rows, events) = await store.ContactAsync(profile, key, cancellationToken);
        return new ContactPage(profile, key, rows, events.ToLookup(e => e.OutboxId));
    }

    /// <summary>The searched contact: the POSTed form's, or the contact of the linked row; an empty key when neither.</summary>
    private static async Task<(string Profile, string Key)> ContactOfAsync(DashboardContext context, DashboardStore store, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsPost(context.Request.Method))
        {
            var profile = (await context.Request.GetFormValuesAsync("profile")).FirstOrDefault();
            var key = (await context.Request.GetFormValuesAsync("key")).FirstOrDefault() ?? "";
            return (string.IsNullOrEmpty(profile) ? DefaultProfile : profile, key);
        }

        return QueryId(context, "row") is { } row && await store.ContactOfRowAsync(row, cancellationToken) is { } contact
            ? contact
            : (DefaultProfile, "");
    }

    protected override void Content()
    {
        Emit($"""
            <form method="post" action="{Url.To(CampaignSyncDashboard.ContactPath)}" class="form-inline campaign-sync-contact-search">{AntiforgeryField()}
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
