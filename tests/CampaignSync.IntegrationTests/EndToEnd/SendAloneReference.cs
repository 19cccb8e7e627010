using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignSync.Campaign;
using CampaignSync.ErrorFiles;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// The reference the pipeline is compared with: every outbox row sent alone, in id order, to a simulator of its own
/// (one async request of one record per upsert, waited for; one call per delete), and the outcome each row gets
/// that way, as (state, code): succeeded with no code, succeeded with <c>skipped_exists</c> / <c>skipped_missing</c>
/// (update-count 0 and no error line), or failed with Campaign's code.
/// </summary>
internal sealed class SendAloneReference(SimulatorHost simulator) : IDisposable
{
    private readonly HttpClient _http = CreateClient(simulator);

    public async Task<(string State, string? Code)> SendAsync(GeneratedRow row)
    {
        return row.Operation == "delete" ? await DeleteAsync(row.Key) : await UpsertAsync(row);
    }

    private async Task<(string, string?)> DeleteAsync(string key)
    {
        using var response = await _http.PostAsJsonAsync("/campaignapi/resources/v3/delete",
            new Dictionary<string, string> { ["profile-name"] = "contacts", ["key"] = key }, TestContext.Current.CancellationToken);
        var code = (await response.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken))?["code"]?.ToString();
        return code is null or "1020" ? ("succeeded", null) : ("failed", code);
    }

    private async Task<(string, string?)> UpsertAsync(GeneratedRow row)
    {
        var names = row.Attributes.Keys.Order(StringComparer.Ordinal).ToList();
        var batch = new UpsertBatch("contacts", row.UpsertMode, row.UpdateLink, [], names,
            [new UpsertRecord(row.Key, names.Select(n => row.Attributes[n]).ToList())]);
        using var content = new ReadOnlyMemoryContent(CampaignRequestWriter.WriteUpsert(batch));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var submitted = await _http.PostAsync("/campaignapi/resources/v3/profile", content, TestContext.Current.CancellationToken);
        var accepted = await submitted.Content.ReadFromJsonAsync<JsonObject>(TestContext.Current.CancellationToken);
        if (accepted?["request-id"]?.ToString() is not { } requestId)
        {
            return ("failed", accepted?["code"]?.ToString());
        }

        var status = await WaitUntilDoneAsync(requestId);
        if (status["error-file"]?.ToString() is { Length: > 0 } errorFile)
        {
            await using var stream = await _http.GetStreamAsync(errorFile, TestContext.Current.CancellationToken);
            var line = await ErrorFileParser.ParseAsync(stream, maxLines: 10, TestContext.Current.CancellationToken).OfType<ErrorLine>().SingleAsync(TestContext.Current.CancellationToken);
            return ("failed", line.Code);
        }

        return status["update-count"]!.GetValue<long>() == 1
            ? ("succeeded", null)
            : ("succeeded", row.UpsertMode == 0 ? "skipped_exists" : "skipped_missing");
    }

    private async Task<JsonObject> WaitUntilDoneAsync(string requestId)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var status = await _http.GetFromJsonAsync<JsonObject>($"/campaignapi/resources/v3/profilequerystatus/{requestId}", deadline.Token);
            if (status?["code"]?.ToString() != "1010")
            {
                return status!;
            }

            await Task.Delay(10, deadline.Token);
        }
    }

    /// <summary>The reference simulator's stored profiles of one profile name: key → attributes.</summary>
    public async Task<Dictionary<string, Dictionary<string, string>>> ProfilesAsync(string profile)
    {
        var array = await _http.GetFromJsonAsync<JsonArray>($"/_sim/profiles/{profile}", TestContext.Current.CancellationToken);
        return array!.ToDictionary(
            p => p!["key"]!.GetValue<string>(),
            p => p!["attributes"]!.AsObject().ToDictionary(a => a.Key, a => a.Value?.GetValue<string>() ?? ""));
    }

    public void Dispose() => _http.Dispose();

    private static HttpClient CreateClient(SimulatorHost simulator)
    {
        var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", simulator.Options.ApiKey);
        return http;
    }
}

/// <summary>One generated outbox row; <see cref="Attributes"/> values may be empty or null.</summary>
internal sealed record GeneratedRow(string Key, string Operation, short UpsertMode, short UpdateLink, IReadOnlyDictionary<string, string?> Attributes)
{
    public string AttributesJson => JsonSerializer.Serialize(Attributes);
}
