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

    /// <summary>What the host built by <see cref="CampaignSyncHost.CreateBuilder"/> would read, for verbs that need a setting before (or without) a host.</summary>
    public static IConfiguration Read() => WebApplication.CreateBuilder(Options()).Configuration;
}
