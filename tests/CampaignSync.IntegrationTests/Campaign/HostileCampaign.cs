using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>One request a <see cref="HostileCampaign"/> listener received: its path and its Authorization header.</summary>
internal sealed record ReceivedRequest(string Path, string? Authorization);

/// <summary>
/// A Campaign tenant that accepts every async upsert, reports it done at once with an error file, and serves that
/// file through a test's handler (a bomb, a stall, a redirect…). Real Kestrel on 127.0.0.1, port 0. Every request
/// it receives is recorded; <see cref="BytesServed"/> counts the bytes Kestrel handed to its sockets (a response
/// written after the client hung up is dropped by Kestrel before that point, so it is not counted).
/// The same class, with <see cref="StartStorageAsync"/>, is a second origin that only records and serves an empty file.
/// </summary>
internal sealed class HostileCampaign : IAsyncDisposable
{
    public const string ErrorFilePath = "/campaignapi/resources/v3/files/r-1/errors.csv";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Counter _served;

    private HostileCampaign(WebApplication app, Counter served)
    {
        _app = app;
        _served = served;
    }

    public Uri BaseAddress => new(_app.Urls.First());

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public long BytesServed => _served.Value;

    /// <summary>
    /// A tenant whose status answer names <paramref name="errorFileUrl"/> (default: <see cref="ErrorFilePath"/> on
    /// itself), served by <paramref name="serveErrorFile"/>.
    /// </summary>
    public static async Task<HostileCampaign> StartAsync(Func<HttpContext, HostileCampaign, Task> serveErrorFile, string? errorFileUrl = null)
    {
        HostileCampaign? self = null;
        var (app, served) = Create();
        app.Use(async (context, next) =>
        {
            self!._received.Enqueue(new ReceivedRequest(context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault()));
            await next(context);
        });
        // A request id of its own, so the tests of a class can share one database (batch.request_id is unique).
        var requestId = Guid.NewGuid().ToString("N");
        app.MapPost("/campaignapi/resources/v3/profile", () => Results.Text($$"""{"request-id":"{{requestId}}"}""", "application/json"));
        app.MapGet("/campaignapi/resources/v3/profilequerystatus/{id}", () =>
            Results.Text($$"""{"update-count":0,"error-file":"{{errorFileUrl ?? ErrorFilePath}}"}""", "application/json"));
        app.MapGet(ErrorFilePath, context => serveErrorFile(context, self!));
        self = new HostileCampaign(app, served);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return self;
    }

    /// <summary>A second origin (a storage host): records what reaches it and serves a header-only error file anywhere.</summary>
    public static async Task<HostileCampaign> StartStorageAsync()
    {
        HostileCampaign? self = null;
        var (app, served) = Create();
        app.Run(context =>
        {
            self!._received.Enqueue(new ReceivedRequest(context.Request.Path, context.Request.Headers.Authorization.FirstOrDefault()));
            return context.Response.WriteAsync("Code,Description,Index\r\n", context.RequestAborted);
        });
        self = new HostileCampaign(app, served);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return self;
    }

    /// <summary>Writes and flushes <paramref name="bytes"/> to the response.</summary>
    public static async Task WriteAsync(HttpContext context, ReadOnlyMemory<byte> bytes)
    {
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static (WebApplication App, Counter Served) Create()
    {
        var served = new Counter();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
        {
            connection.Transport = new CountingPipe(connection.Transport, served);
            return next(connection);
        })));
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        return (builder.Build(), served);
    }

    private sealed class Counter
    {
        private long _value;

        public long Value => Interlocked.Read(ref _value);

        public void Add(long bytes) => Interlocked.Add(ref _value, bytes);
    }

    /// <summary>The connection's pipe with its output counted where Kestrel hands bytes to the socket.</summary>
    private sealed class CountingPipe(IDuplexPipe inner, Counter counter) : IDuplexPipe
    {
        public PipeReader Input => inner.Input;

        public PipeWriter Output { get; } = new CountingWriter(inner.Output, counter);
    }

    private sealed class CountingWriter(PipeWriter inner, Counter counter) : PipeWriter
    {
        public override void Advance(int bytes)
        {
            inner.Advance(bytes);
            counter.Add(bytes);
        }

        public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override void Complete(Exception? exception = null) => inner.Complete(exception);
    }
}
