namespace CampaignSync.Hosting;

/// <summary>
/// The one configuration pipeline of every verb and of the host (issue 17): ASP.NET Core's defaults
/// (<c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>, environment variables), read from the folder the
/// executable ships in, whatever the current directory. Verbs parse their own arguments, so none reach configuration.
/// </summary>
internal static class WorkerConfiguration
{
    public static WebApplicationOptions Options(string? environmentName = null) =>
        new() { Args = [], ContentRootPath = AppContext.BaseDirectory, EnvironmentName = environmentName };

    // Built once per process: a verb read it up to three times (the connection string, the migrator's, a section), each
    // a whole WebApplicationBuilder with watchers on the appsettings files; its sources do not change while a verb runs.
    private static readonly Lazy<IConfiguration> Current = new(() => WebApplication.CreateBuilder(Options()).Configuration);

    /// <summary>What the host built by <see cref="CampaignSyncHost.CreateBuilder"/> would read, for verbs that need a setting before (or without) a host.</summary>
    public static IConfiguration Read() => Current.Value;
}
