namespace CampaignSync.Simulator;

/// <summary>The builder both simulators (Campaign and Wethod) start from when they run in-process.</summary>
internal static class InProcessSimulatorBuilder
{
    /// <summary>
    /// A slim builder listening on <paramref name="url"/>, logging problems only (in-process hosts run inside tests
    /// and the demo); <paramref name="logging"/> may then add providers or levels.
    /// </summary>
    public static WebApplicationBuilder Create(string url, Action<ILoggingBuilder>? logging)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        logging?.Invoke(builder.Logging);
        return builder;
    }
}
