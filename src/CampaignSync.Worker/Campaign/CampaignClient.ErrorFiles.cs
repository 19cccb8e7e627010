using System.Net;
using System.Net.Http.Headers;
using Polly;

namespace CampaignSync.Campaign;

/// <summary>Opening the error file of an async request as a stream.</summary>
internal sealed partial class CampaignClient
{
    /// <inheritdoc/>
    /// <remarks>
    /// Safe to repeat: a read. Only the headers are awaited inside the pipeline (<see cref="HttpCompletionOption.ResponseHeadersRead"/>),
    /// so the body streams to the parser and is never buffered whole; <see cref="ErrorFileStream"/> bounds it in bytes
    /// and time. Which URLs are fetched, and which get the key, is <see cref="ErrorFileUrlRule"/>'s: the key goes only
    /// under the base URL; a storage origin (a pre-signed link) never receives it. Redirects are followed by hand, each
    /// hop judged by the same rule (the handler's own redirects are off).
    /// </remarks>
    public async Task<Stream> OpenErrorFileAsync(string errorFile, CancellationToken cancellationToken)
    {
        var uri = _errorFileUrls.Resolve(errorFile);
        _errorFileUrls.Check(uri, out var sendKey);
        var started = timeProvider.GetTimestamp();

        var total = new CancellationTokenSource(_options.ErrorFileTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, total.Token);
        var context = CreateContext(CampaignEndpoint.ErrorFile, repeatSafe: true, linked.Token);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                static (context, state) => state.Client.SendErrorFileRequestAsync(state.Uri, state.SendKey, context.CancellationToken),
                context,
                (Client: this, Uri: uri, SendKey: sendKey));
        }
        catch (Exception exception)
        {
            total.Dispose();
            if (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                throw ErrorFileStream.TotalTimeoutExceeded(_options.ErrorFileTimeout);
            }

            throw;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            total.Dispose();
            var failedMs = ElapsedMs(started);
            logger.ErrorFileFailed((int)status, failedMs);
            throw new HttpRequestException($"The error file download answered HTTP {(int)status}.", inner: null, status);
        }

        var contentLength = response.Content.Headers.ContentLength;
        var elapsedMs = ElapsedMs(started);
        logger.ErrorFileOpened((int)response.StatusCode, contentLength, elapsedMs);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return new ErrorFileStream(body, response, total, _options, timeProvider);
        }
        catch
        {
            response.Dispose();
            total.Dispose();
            throw;
        }
    }

    /// <summary>One attempt: the request and every redirect hop the rule allows, up to <see cref="CampaignDefaults.ErrorFileMaxRedirects"/>.</summary>
    private async ValueTask<HttpResponseMessage> SendErrorFileRequestAsync(Uri uri, bool sendKey, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (sendKey)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKeys.Current.Secret);
            }

            var response = await SendCountedAsync(CampaignEndpoint.ErrorFile, request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
            {
                return response;
            }

            var status = (int)response.StatusCode;
            response.Dispose();
            if (hop == CampaignDefaults.ErrorFileMaxRedirects)
            {
                throw new ErrorFileRejectedException($"The error file answered more than {CampaignDefaults.ErrorFileMaxRedirects} redirects; none was read.");
            }

            uri = location.IsAbsoluteUri ? location : new Uri(uri, location);
            try
            {
                _errorFileUrls.Check(uri, out sendKey);
            }
            catch (ErrorFileRejectedException refused)
            {
                throw new ErrorFileRejectedException($"The error file answered a redirect (HTTP {status}) that was not followed. {refused.Message}");
            }
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;
}
