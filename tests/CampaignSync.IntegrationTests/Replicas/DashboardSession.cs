using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using CampaignSync.IntegrationTests.EndToEnd;

namespace CampaignSync.IntegrationTests.Replicas;

/// <summary>
/// An operator's browser in front of several worker processes, as behind a Service: one cookie jar (the antiforgery
/// cookie one replica sets goes to all), HTTP Basic credentials, no redirects followed (a test asserts the 303 itself).
/// Reads a page's POST form (action and hidden fields, the antiforgery token among them) and sends it to any replica.
/// </summary>
internal sealed class DashboardSession : IDisposable
{
    private static readonly Regex HiddenField = new("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\">",
        RegexOptions.CultureInvariant);

    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
    private readonly HttpClient _http;

    public DashboardSession()
    {
        _http = new HttpClient(_handler);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"operator:{PipelineHarness.OperatorPassword}")));
    }

    public Task<string> PageAsync(Uri replica, string path) => _http.GetStringAsync(new Uri(replica, path), TestContext.Current.CancellationToken);

    /// <summary>The first form of <paramref name="page"/> whose action ends with <paramref name="actionSuffix"/>.</summary>
    public static (string Action, List<KeyValuePair<string, string>> Fields) Form(string page, string actionSuffix)
    {
        var form = Regex.Match(page, $"<form method=\"post\" action=\"(?<action>[^\"]*{Regex.Escape(actionSuffix)})\"[^>]*>(?<fields>.*?)</form>",
            RegexOptions.Singleline | RegexOptions.CultureInvariant);
        Assert.True(form.Success, $"The page has no form posting to …{actionSuffix}: {page}");
        var fields = HiddenField.Matches(form.Groups["fields"].Value)
            .Select(f => KeyValuePair.Create(f.Groups["name"].Value, WebUtility.HtmlDecode(f.Groups["value"].Value))).ToList();
        return (WebUtility.HtmlDecode(form.Groups["action"].Value), fields);
    }

    /// <summary>Sends a form read from one replica's page to <paramref name="replica"/>.</summary>
    public Task<HttpResponseMessage> PostAsync(Uri replica, (string Action, List<KeyValuePair<string, string>> Fields) form) =>
        _http.PostAsync(new Uri(replica, form.Action), new FormUrlEncodedContent(form.Fields), TestContext.Current.CancellationToken);

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }
}
