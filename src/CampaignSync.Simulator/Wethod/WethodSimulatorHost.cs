namespace CampaignSync.Simulator.Wethod;

/// <summary>
/// The simulated Wethod CRM API on its own Kestrel host (its own base URL, as the real API is on another host than
/// the Campaign tenant), standalone or inside a test or the demo. <see cref="Directory"/> holds the data and
/// <see cref="Faults"/> the injected failures; both may change while it runs.
/// </summary>
public sealed class WethodSimulatorHost : IAsyncDisposable
{
    /// <summary>Every real endpoint lives under this prefix.</summary>
    public const string Prefix = "/api";

    private readonly WebApplication _app;

    private WethodSimulatorHost(WebApplication app, WethodSimulatorOptions options, Uri baseAddress)
    {
        _app = app;
        Options = options;
        BaseAddress = baseAddress;
        Directory = app.Services.GetRequiredService<WethodDirectory>();
        Faults = app.Services.GetRequiredService<WethodFaults>();
        Stats = app.Services.GetRequiredService<WethodSimStats>();
    }

    /// <summary>The address the simulator listens on (port 0 resolved), e.g. http://127.0.0.1:5090/.</summary>
    public Uri BaseAddress { get; }

    public WethodSimulatorOptions Options { get; }

    /// <summary>The CRM's contacts and clients.</summary>
    public WethodDirectory Directory { get; }

    /// <summary>Faults to inject: 429s, 503s, failing contact pages, contacts hidden from lists.</summary>
    public WethodFaults Faults { get; }

    /// <summary>Request counts by method, path template and status.</summary>
    public WethodSimStats Stats { get; }

    /// <summary>
    /// Starts the simulator in-process on <paramref name="url"/> (port 0: any free port), seeded per <paramref name="options"/>;
    /// <paramref name="logging"/> may add providers or levels (a test suite collecting every host's logs).
    /// </summary>
    public static Task<WethodSimulatorHost> StartAsync(
        WethodSimulatorOptions options,
        string url = "http://127.0.0.1:0",
        Action<ILoggingBuilder>? logging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StartCoreAsync(InProcessSimulatorBuilder.Create(url, logging), options, cancellationToken);
    }

    /// <summary>Starts the simulator with command-line arguments (e.g. <c>--urls</c>); options from the section <see cref="WethodSimulatorOptions.SectionName"/>.</summary>
    public static Task<WethodSimulatorHost> StartAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var options = new WethodSimulatorOptions();
        builder.Configuration.GetSection(WethodSimulatorOptions.SectionName).Bind(options);
        return StartCoreAsync(builder, options, cancellationToken);
    }

    /// <summary>Waits until the host is asked to stop (Ctrl+C or SIGTERM).</summary>
    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<WethodSimulatorHost> StartCoreAsync(WebApplicationBuilder builder, WethodSimulatorOptions options, CancellationToken cancellationToken)
    {
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<WethodDirectory>();
        services.AddSingleton<WethodFaults>();
        services.AddSingleton<WethodSimStats>();

        var app = builder.Build();
        app.Services.GetRequiredService<WethodDirectory>().Seed(options.SeedClients, options.SeedContacts);
        app.Use(CountRequestAsync);
        var api = app.MapGroup(Prefix).AddEndpointFilter<WethodRequestFilter>();
        api.MapWethodContacts();
        api.MapWethodClients();
        app.MapGet("/_sim/health", () => "ok");
        await app.StartAsync(cancellationToken);
        return new WethodSimulatorHost(app, options, new Uri(app.Urls.First()));
    }

    private static async Task CountRequestAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal))
        {
            var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
            context.RequestServices.GetRequiredService<WethodSimStats>().CountRequest(context.Request.Method, template, context.Response.StatusCode);
        }
    }
}
