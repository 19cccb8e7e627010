using CampaignSync.Simulator.Hosting;

namespace CampaignSync.Simulator;

/// <summary>Runs the simulator on Kestrel over real HTTP, standalone or inside a test, the demo or a benchmark.</summary>
public sealed class SimulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app, SimulatorOptions options, Uri baseAddress)
    {
        _app = app;
        Options = options;
        BaseAddress = baseAddress;
    }

    /// <summary>The address the simulator listens on (port 0 resolved), e.g. http://127.0.0.1:5080/.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The live options: read on every request, so a test may change faults at runtime.</summary>
    public SimulatorOptions Options { get; }

    /// <summary>
    /// Starts the simulator in-process with the given options on <paramref name="url"/> (port 0: any free port);
    /// <paramref name="logging"/> may add providers or levels (a test suite collecting every host's logs).
    /// </summary>
    public static Task<SimulatorHost> StartAsync(
        SimulatorOptions options,
        string url = "http://127.0.0.1:0",
        Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StartCoreAsync(InProcessSimulatorBuilder.Create(url, logging), options, cancellationToken);
    }

    /// <summary>
    /// Starts the simulator with command-line arguments (e.g. <c>--urls</c>); options come from the configuration section
    /// <see cref="SimulatorOptions.SectionName"/> (e.g. <c>Simulator__ApiKey</c>).
    /// </summary>
    public static Task<SimulatorHost> StartAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var options = new SimulatorOptions();
        builder.Configuration.GetSection(SimulatorOptions.SectionName).Bind(options);
        return StartCoreAsync(builder, options, cancellationToken);
    }

    /// <summary>Waits until the host is asked to stop (Ctrl+C or SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<SimulatorHost> StartCoreAsync(WebApplicationBuilder builder, SimulatorOptions options, CancellationToken cancellationToken)
    {
        var app = SimulatorApplication.Build(builder, options);
        await app.StartAsync(cancellationToken);
        var address = new Uri(app.Urls.First());
        return new SimulatorHost(app, options, address);
    }
}
