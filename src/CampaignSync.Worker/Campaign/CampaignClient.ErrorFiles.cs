using System.Net.Http.Headers;
using Polly;

namespace CampaignSync.Campaign;

/// <summary>Opening the error file of an async request as a stream.</summary>
internal sealed partial class CampaignClient
{
    /// <inheritdoc/>
    /// <remarks>
    /// Safe to repeat: a read. Only the headers are awaited inside the pipeline (<see cref="HttpCompletionOption.ResponseHeadersRead"/>),
    /// so the body streams to the parser and is never buffered whole. The key is sent only when the file lives at
    /// the base URL's origin: an absolute URL elsewhere (a storage host, a pre-signed link) must not receive it.
    /// </remarks>
    public async Task<Stream> OpenErrorFileAsync(string errorFile, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorFile);
        var uri = ResolveErrorFile(errorFile);
        var key = IsSameOrigin(uri) ? apiKeys.Current : (CampaignApiKey?)null;
        var started = timeProvider.GetTimestamp();

        var context = CreateContext(CampaignEndpoint.ErrorFile, repeatSafe: true, cancellationToken);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static (context, state) => state.Client.SendErrorFileRequestAsync(state.Uri, state.Key, context.CancellationToken),
                context,
                (Client: this, Uri: uri, Key: key));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            var failedMs = ElapsedMs(started);
            logger.ErrorFileFailed((int)status, failedMs);
            throw new HttpRequestException($"The error file download answered HTTP {(int)status}.", inner: null, status);
        }

        var contentLength = response.Content.Headers.ContentLength;
        var elapsedMs = ElapsedMs(started);
        logger.ErrorFileOpened((int)response.StatusCode, contentLength, elapsedMs);
        // Disposing the content stream releases the connection; the response holds nothing else.
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    private async ValueTask<HttpResponseMessage> SendErrorFileRequestAsync(Uri uri, CampaignApiKey? key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (key is { } apiKey)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey.Secret);
        }

        return await SendCountedAsync(CampaignEndpoint.ErrorFile, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>An absolute http(s) URL as given; anything else is a path relative to the base URL.</summary>
    private Uri ResolveErrorFile(string errorFile) =>
        Uri.TryCreate(errorFile, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)
            ? absolute
            : Resolve(errorFile);

    private bool IsSameOrigin(Uri uri)
    {
        var baseUri = new Uri(_options.BaseUrl!, UriKind.Absolute);
        return Uri.Compare(uri, baseUri, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}
