using System.Net.Http.Headers;
using System.Text.Json;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace CampaignSync.Campaign;

/// <summary>Sending: the key switch on 498, the shared pipeline, one HTTP attempt and reading its answer.</summary>
internal sealed partial class CampaignClient
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json");

    /// <summary>
    /// Sends one JSON call through the pipeline. On 498 the other key is tried once (a 498 is a refusal at the
    /// door, so even the submit may be resent); if that key is refused too, the answer stays RefreshAndRetry.
    /// </summary>
    private async Task<CampaignAttempt> SendJsonAsync(
        CampaignEndpoint endpoint, HttpMethod method, string path, ReadOnlyMemory<byte>? body, bool repeatSafe, CancellationToken cancellationToken)
    {
        var key = apiKeys.Current;
        var request = new JsonCall(endpoint, method, Resolve(path), body, key, repeatSafe);
        var attempt = await ExecuteAsync(request, cancellationToken);
        if (attempt.Kind != CampaignOutcomeKind.RefreshAndRetry)
        {
            return attempt;
        }

        if (apiKeys.TrySwitchFrom(key, out var other))
        {
            logger.ApiKeySwitched(endpoint, key.Name, other.Name);
            attempt = await ExecuteAsync(request with { Key = other }, cancellationToken);
        }

        if (attempt.Kind == CampaignOutcomeKind.RefreshAndRetry)
        {
            logger.ApiKeysRejected(endpoint);
        }

        return attempt;
    }

    private async Task<CampaignAttempt> ExecuteAsync(JsonCall call, CancellationToken cancellationToken)
    {
        var context = CreateContext(call.Endpoint, call.RepeatSafe, cancellationToken);
        try
        {
            return await _pipeline.ExecuteAsync(
                static (context, state) => state.Client.SendOnceAsync(state.Call, context.CancellationToken),
                context,
                (Client: this, Call: call));
        }
        catch (Exception exception) when (exception is TimeoutRejectedException or HttpRequestException or IOException or RateLimiterRejectedException)
        {
            // Retries are spent (or not allowed): the last transport failure decides between Retryable and Ambiguous.
            return CampaignAttempt.FromTransportFailure(call.Endpoint, exception, call.RepeatSafe);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async ValueTask<CampaignAttempt> SendOnceAsync(JsonCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(call.Method, call.Uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", call.Key.Secret);
        if (call.Body is { } body)
        {
            request.Content = new ReadOnlyMemoryContent(body);
            request.Content.Headers.ContentType = JsonMediaType;
        }

        // The whole answer is buffered (capped by HttpClient.MaxResponseContentBufferSize): answers are small, and the
        // body must always be read because failures often come with HTTP 200.
        using var response = await SendCountedAsync(call.Endpoint, request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var (parsed, unreadable) = Parse(bytes);
        var retryAfter = CampaignAttempt.ReadRetryAfter(response.Headers, timeProvider);
        return CampaignAttempt.FromAnswer(call.Endpoint, (int)response.StatusCode, parsed, unreadable, retryAfter, call.RepeatSafe);
    }

    /// <summary>One HTTP attempt, counted by endpoint and status (or "error" when no answer came) and while in flight.</summary>
    private async Task<HttpResponseMessage> SendCountedAsync(CampaignEndpoint endpoint, HttpRequestMessage request,
        HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        int? status = null;
        metrics.CallStarted();
        try
        {
            var response = await httpClient.SendAsync(request, completion, cancellationToken);
            status = (int)response.StatusCode;
            return response;
        }
        finally
        {
            metrics.CallEnded();
            metrics.RecordCall(endpoint, status);
        }
    }

    private static (CampaignResponseBody? Body, bool Unreadable) Parse(byte[] bytes)
    {
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, false);
        }

        try
        {
            // Only the metadata call answers a list (its profiles); every other answer is one object.
            return bytes.AsSpan().TrimStart(" \t\r\n"u8)[0] == (byte)'['
                ? (new CampaignResponseBody { Profiles = JsonSerializer.Deserialize(bytes, CampaignJsonContext.Default.ListCampaignProfileMetadata) }, false)
                : (JsonSerializer.Deserialize(bytes, CampaignJsonContext.Default.CampaignResponseBody), false);
        }
        catch (JsonException)
        {
            return (null, true);
        }
    }

    private static ResilienceContext CreateContext(CampaignEndpoint endpoint, bool repeatSafe, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(CampaignResilienceKeys.Endpoint, endpoint);
        context.Properties.Set(CampaignResilienceKeys.RepeatSafe, repeatSafe);
        return context;
    }

    /// <summary>
    /// Joins a path to the base URL by text, so a base URL with a path prefix keeps it
    /// (<c>new Uri(base, "/x")</c> would drop it).
    /// </summary>
    private Uri Resolve(string path) => new(_options.BaseUrl!.TrimEnd('/') + "/" + path.TrimStart('/'), UriKind.Absolute);

    private sealed record JsonCall(
        CampaignEndpoint Endpoint, HttpMethod Method, Uri Uri, ReadOnlyMemory<byte>? Body, CampaignApiKey Key, bool RepeatSafe);
}
