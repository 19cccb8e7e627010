using System.Net;
using System.Text;
using System.Threading.Channels;

namespace CampaignSync.UnitTests.Campaign;

/// <summary>What the client sent, captured field by field.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string Body, DateTimeOffset At);

/// <summary>
/// The Campaign API as a queue of scripted answers. Each request is recorded and announced, so a test can wait
/// for "the client has sent its second request" instead of sleeping.
/// </summary>
internal sealed class StubHttpHandler(TimeProvider timeProvider) : HttpMessageHandler
{
    private readonly Queue<Func<CapturedRequest, CancellationToken, Task<HttpResponseMessage>>> _answers = new();
    private readonly Channel<CapturedRequest> _received = Channel.CreateUnbounded<CapturedRequest>();
    private readonly List<CapturedRequest> _requests = [];

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public StubHttpHandler Answer(Func<CapturedRequest, CancellationToken, Task<HttpResponseMessage>> answer)
    {
        _answers.Enqueue(answer);
        return this;
    }

    public StubHttpHandler AnswerJson(HttpStatusCode status, string json, Action<HttpResponseMessage>? configure = null) =>
        Answer((_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public StubHttpHandler AnswerText(HttpStatusCode status, string text) =>
        Answer((_, _) => Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(text) }));

    /// <summary>Never answers: the request hangs until the client cancels it.</summary>
    public StubHttpHandler Hang() => Answer(async (_, cancellationToken) =>
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("Unreachable.");
    });

    public StubHttpHandler Throw(Exception exception) => Answer((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Waits (with the test's deadline) until the client has sent one more request.</summary>
    public async Task<CapturedRequest> NextRequestAsync()
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        return await _received.Reader.ReadAsync(deadline.Token);
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
        var captured = new CapturedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body,
            timeProvider.GetUtcNow());
        lock (_requests)
        {
            _requests.Add(captured);
        }

        _received.Writer.TryWrite(captured);
        Func<CapturedRequest, CancellationToken, Task<HttpResponseMessage>> answer;
        lock (_answers)
        {
            answer = _answers.Count > 0 ? _answers.Dequeue() : throw new InvalidOperationException($"No scripted answer for request {_requests.Count}.");
        }

        return await answer(captured, cancellationToken);
    }
}
