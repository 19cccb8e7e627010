using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace CampaignSync.Crm;

/// <summary>
/// The typed client of the Wethod CRM API (docs/wethod-crm-api.md), reads only: every contact and every client, page by
/// page, and one contact by id. Every request carries <c>Authorization: Bearer</c>, <c>Wethod-Company</c> and the
/// pinned <c>Wethod-Version</c>; every request goes through the shared <see cref="WethodResiliencePipeline"/>.
/// A page that still fails after its retries throws <see cref="WethodApiException"/>: a partial scan is never returned.
/// </summary>
internal sealed class WethodClient(
    HttpClient http,
    ResiliencePipelineProvider<string> pipelines,
    IOptions<CrmOptions> options,
    TimeProvider timeProvider,
    ILogger<WethodClient> logger)
{
    private static readonly MediaTypeWithQualityHeaderValue Json = new("application/json");

    private readonly ResiliencePipeline<WethodAnswer> _pipeline = pipelines.GetPipeline<WethodAnswer>(WethodResiliencePipeline.Key);

    /// <summary>Every contact, deduplicated by id (offset paging over a live table may repeat a row).</summary>
    public Task<IReadOnlyList<WethodContact>> ReadContactsAsync(CancellationToken cancellationToken) =>
        ReadAllAsync(options.Value.Paths.Contacts, WethodJsonContext.Default.ListWethodContact, c => c.Id, cancellationToken);

    /// <summary>Every client (company) that is not deleted, deduplicated by id.</summary>
    public Task<IReadOnlyList<WethodCompany>> ReadCompaniesAsync(CancellationToken cancellationToken) =>
        ReadAllAsync(options.Value.Paths.Clients, WethodJsonContext.Default.ListWethodCompany, c => c.Id, cancellationToken);

    /// <summary>One contact, or null when the API answers 404 (the only proof that a contact is gone).</summary>
    public async Task<WethodContact?> FindContactAsync(long contactId, CancellationToken cancellationToken)
    {
        var template = options.Value.Paths.Contact;
        var answer = await SendAsync(
            template.Replace(CrmPathOptions.IdPlaceholder, contactId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        EnsureSuccess(answer, $"GET {template}");
        return JsonSerializer.Deserialize(answer.Body, WethodJsonContext.Default.WethodContact)
            ?? throw new JsonException($"GET {template} answered an empty body.");
    }

    private async Task<IReadOnlyList<T>> ReadAllAsync<T>(
        string path, JsonTypeInfo<List<T>> type, Func<T, long> idOf, CancellationToken cancellationToken)
    {
        var pageSize = options.Value.PageSize;
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        var rows = new Dictionary<long, T>();
        for (var offset = 0; ; offset += pageSize)
        {
            var clock = Stopwatch.StartNew();
            var answer = await SendAsync(
                string.Create(CultureInfo.InvariantCulture, $"{path}{separator}limit={pageSize}&offset={offset}"), cancellationToken);
            EnsureSuccess(answer, string.Create(CultureInfo.InvariantCulture, $"GET {path} offset {offset}"));
            var page = JsonSerializer.Deserialize(answer.Body, type) ?? [];
            foreach (var row in page)
            {
                // A later copy of a row wins: it was read later, so it is the fresher one.
                if (row is not null && idOf(row) > 0)
                {
                    rows[idOf(row)] = row;
                }
            }

            logger.PageRead(path, offset, page.Count, clock.ElapsedMilliseconds);
            if (page.Count < pageSize)
            {
                return rows.Values.ToList();
            }
        }
    }

    private async Task<WethodAnswer> SendAsync(string pathAndQuery, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(
            static (state, token) => state.Client.SendOnceAsync(state.Path, token),
            (Client: this, Path: pathAndQuery),
            cancellationToken);

    private async ValueTask<WethodAnswer> SendOnceAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Get, pathAndQuery);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.Token);
        request.Headers.Add("Wethod-Company", settings.Company);
        request.Headers.Add("Wethod-Version", settings.ApiVersion);
        request.Headers.Accept.Add(Json);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return new WethodAnswer(response.StatusCode, body, WethodRetryAfter.Read(response.Headers, timeProvider));
    }

    private static void EnsureSuccess(WethodAnswer answer, string what)
    {
        if (!answer.IsSuccess)
        {
            throw new WethodApiException(what, answer.Status, ReadErrorKey(answer.Body));
        }
    }

    // 429 and 5xx bodies are not documented (docs/wethod-crm-api.md, "Errors"): JSON is read when it is there, never required.
    private static string? ReadErrorKey(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize(body, WethodJsonContext.Default.WethodError)?.Key;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
