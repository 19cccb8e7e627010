using System.Globalization;
using Hangfire.Dashboard;
using Hangfire.Dashboard.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// A Campaign Sync page inside Hangfire's layout (menu, styles, antiforgery meta tags): a side menu of the four
/// pages and the page's own content. Pages render a model loaded before (<see cref="DashboardPageDispatcher"/>) and
/// write HTML only through <see cref="Emit"/>, which encodes every value.
/// </summary>
internal abstract class CampaignSyncPage(string title, string section) : RazorPage
{
    private static readonly (string Path, string Name)[] Sections =
    [
        (CampaignSyncDashboard.OverviewPath, "Overview"),
        (CampaignSyncDashboard.RequestsPath, "Requests"),
        (CampaignSyncDashboard.FailuresPath, "Failures"),
        (CampaignSyncDashboard.ContactPath, "Contact"),
    ];

    public sealed override void Execute()
    {
        Layout = new LayoutPage(title);
        Emit($"<div class=\"row\"><div class=\"col-md-2\"><div class=\"list-group\">");
        foreach (var (path, name) in Sections)
        {
            var active = path == section ? " active" : "";
            Emit($"<a class=\"list-group-item{active}\" href=\"{Url.To(path)}\">{name}</a>");
        }

        Emit($"</div></div><div class=\"col-md-10\"><h1 class=\"page-header\">{title}</h1>");
        Content();
        Emit($"</div></div>");
    }

    /// <summary>Writes the page's content below its title.</summary>
    protected abstract void Content();

    /// <summary>Writes HTML; every interpolated value is encoded unless it is a <see cref="NonEscapedString"/>.</summary>
    protected void Emit(FormattableString html) => WriteLiteral(html.ToString(HtmlEncodingFormatter.Instance));

    /// <summary>A dashboard URL of <paramref name="path"/> with the query values escaped.</summary>
    protected string Link(string path, params (string Name, object? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null)
            .Select(q => $"{q.Name}={Uri.EscapeDataString(Convert.ToString(q.Value, CultureInfo.InvariantCulture)!)}");
        var text = string.Join('&', parts);
        return Url.To(text.Length == 0 ? path : $"{path}?{text}");
    }

    protected string RequestUrl(long id) => Url.To(string.Create(CultureInfo.InvariantCulture, $"{CampaignSyncDashboard.RequestsPath}/{id}"));

    /// <summary>The timeline of the contact of outbox row <paramref name="row"/>: a row id, never the profile key, is in the URL.</summary>
    protected string ContactUrl(long row) => Link(CampaignSyncDashboard.ContactPath, ("row", row));

    /// <summary>A row id from the query string (<c>row</c>, <c>before</c>, <c>after</c>...), or null.</summary>
    protected static long? QueryId(DashboardContext context, string name) =>
        long.TryParse(context.Request.GetQuery(name), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>The hidden antiforgery field a POST form needs, when the host validates antiforgery tokens.</summary>
    protected NonEscapedString AntiforgeryField()
    {
        if (string.IsNullOrEmpty(Context.AntiforgeryToken))
        {
            return new NonEscapedString("");
        }

        var field = Context.GetHttpContext().RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.FormFieldName;
        return HtmlEncodingFormatter.Render($"<input type=\"hidden\" name=\"{field}\" value=\"{Context.AntiforgeryToken}\">");
    }

    protected static string Time(DateTime? value) =>
        value is { } time ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC" : "";

    protected static string Duration(TimeSpan? value) => value switch
    {
        null => "",
        { TotalSeconds: < 60 } span => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.0} s"),
        { TotalHours: < 1 } span => string.Create(CultureInfo.InvariantCulture, $"{span.TotalMinutes:0.0} min"),
        { TotalDays: < 2 } span => string.Create(CultureInfo.InvariantCulture, $"{span.TotalHours:0.0} h"),
        { } span => string.Create(CultureInfo.InvariantCulture, $"{span.TotalDays:0.0} d"),
    };

    /// <summary><paramref name="text"/> as code, or nothing when there is none.</summary>
    protected static NonEscapedString CodeText(string? text) =>
        string.IsNullOrEmpty(text) ? new NonEscapedString("") : HtmlEncodingFormatter.Render($"<code>{text}</code>");

    /// <summary>A Bootstrap label for an outbox or batch state.</summary>
    protected static NonEscapedString StateLabel(string state)
    {
        var style = state switch
        {
            "succeeded" or "completed" => "success",
            "failed" or "dead" or "expired" or "stalled" => "danger",
            "pending" or "retry" or "submitting" => "warning",
            "in_flight" or "submitted" or "polling" => "info",
            _ => "default",
        };
        return HtmlEncodingFormatter.Render($"<span class=\"label label-{style}\">{state}</span>");
    }
}
