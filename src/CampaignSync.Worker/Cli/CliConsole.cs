using CampaignSync.Database;
using CampaignSync.Hosting;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Cli;

/// <summary>What every verb shares: configuration, a console logger, and turning start-up errors into messages.</summary>
internal static class CliConsole
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitBadConfiguration = 2;

    /// <summary>An operator verb counted what it would change and changed nothing, because --yes was not given.</summary>
    public const int ExitNotConfirmed = 3;

    /// <summary>The Postgres connection string every verb but <c>demo</c> needs; without it the verb exits 2 naming the key.</summary>
    public static string RequireConnectionString()
    {
        var connectionString = WorkerConfiguration.Read()[DatabaseOptions.ConnectionStringKey];
        return string.IsNullOrWhiteSpace(connectionString)
            ? throw new ConfigurationException($"{DatabaseOptions.ConnectionStringKey} is required (env: ConnectionStrings__Postgres)")
            : connectionString;
    }

    /// <summary>
    /// The connection string <c>migrate</c> uses: <c>ConnectionStrings:Migrator</c> (the owner's login), else
    /// <c>ConnectionStrings:Postgres</c> (one login for everything); without either the verb exits 2 naming the latter.
    /// </summary>
    public static string RequireMigratorConnectionString()
    {
        var migrator = WorkerConfiguration.Read()[DatabaseOptions.MigratorConnectionStringKey];
        return string.IsNullOrWhiteSpace(migrator)
            ? RequireConnectionString()
            : migrator;
    }

    public static ILoggerFactory CreateLoggerFactory() =>
        LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information));

    /// <summary>
    /// Runs a verb; a validation failure prints every bad key and exits 2; a database that does not answer prints one
    /// line (the server's address, never the password) and exits 1; other failures exit 1.
    /// </summary>
    public static async Task<int> GuardAsync(Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (OptionsValidationException ex)
        {
            await PrintFailuresAsync([ex]);
            return ExitBadConfiguration;
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            // The start-up validator throws one exception per bad options class, aggregated when there are several.
            await PrintFailuresAsync(ex.InnerExceptions.Cast<OptionsValidationException>());
            return ExitBadConfiguration;
        }
        catch (ConfigurationException ex)
        {
            await Console.Error.WriteLineAsync($"Configuration is not valid: {ex.Message}");
            return ExitBadConfiguration;
        }
        catch (NpgsqlException ex) when (ex.InnerException is SocketException or TimeoutException)
        {
            await Console.Error.WriteLineAsync(
                $"Cannot connect to PostgreSQL: {ex.Message} ({DatabaseOptions.ConnectionStringKey}; for migrate {DatabaseOptions.MigratorConnectionStringKey} when set).");
            return ExitFailed;
        }
    }

    /// <summary>
    /// Runs a verb inside the worker's host, the way <c>run</c> starts it: the configured database (without one it
    /// refuses to start, exit 2: a worker must never write a real outbox's work to a throwaway database), the host
    /// built from the process's configuration, and migrations when configured (unless <paramref name="migrate"/> is
    /// false: a verb that must write nothing). With <paramref name="logsToStandardError"/> the host logs to stderr,
    /// keeping stdout for the verb's output alone (<c>--json</c>).
    /// </summary>
    public static Task<int> WithWorkerHostAsync(Func<WebApplication, Task<int>> verb, CancellationToken cancellationToken, bool migrate = true,
        bool logsToStandardError = false) =>
        GuardAsync(async () =>
        {
            var settings = new Dictionary<string, string?>
            {
                [DatabaseOptions.ConnectionStringKey] = RequireConnectionString(),
            };
            if (logsToStandardError)
            {
                settings["Logging:Console:LogToStandardErrorThreshold"] = nameof(LogLevel.Trace);
            }

            var builder = CampaignSyncHost.CreateBuilder(settings);
            await using var app = CampaignSyncHost.Build(builder);
            if (migrate)
            {
                await MigrateCommand.MigrateIfConfiguredAsync(app, cancellationToken);
            }

            return await verb(app);
        });

    private static async Task PrintFailuresAsync(IEnumerable<OptionsValidationException> exceptions)
    {
        await Console.Error.WriteLineAsync("Configuration is not valid:");
        foreach (var failure in exceptions.SelectMany(ex => ex.Failures))
        {
            await Console.Error.WriteLineAsync($"  {failure}");
        }
    }
}
