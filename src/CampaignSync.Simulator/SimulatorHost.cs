namespace CampaignSync.Simulator;

/// <summary>Runs the simulator on Kestrel, standalone or inside a test or the demo.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The address the simulator listens on, e.g. http://127.0.0.1:5080/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Starts the simulator with the given command-line arguments (e.g. <c>--urls</c>).</summary>
    public static async Task<SimulatorHost> StartAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var app = builder.Build();
        app.MapGet("/_sim/health", () => "ok");
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Urls.First());
        return new SimulatorHost(app, address);
    }

    /// <summary>Waits until the host is asked to stop (Ctrl+C or SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
