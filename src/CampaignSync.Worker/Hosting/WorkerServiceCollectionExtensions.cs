using CampaignSync.Batching;
using CampaignSync.Campaign;
using CampaignSync.Database;
using CampaignSync.Operations;
using CampaignSync.Outbox;
using CampaignSync.Outcomes;
using CampaignSync.Pipeline;
using CampaignSync.Submission;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Hosting;

/// <summary>Registration of each stage, called from <see cref="CampaignSyncHost"/> in pipeline order.</summary>
internal static class WorkerServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .Configure<IConfiguration>((o, c) =>
            {
                o.ConnectionString = c[DatabaseOptions.ConnectionStringKey] ?? "";
                o.MigratorConnectionString = c[DatabaseOptions.MigratorConnectionStringKey] ?? "";
                o.MigrateOnStart = c.GetValue("Database:MigrateOnStart", true);
            })
            .Validate(o => o.ConnectionString.Length > 0, DatabaseOptions.ConnectionStringKey + " is required")
            .Validate(o => IsValidConnectionString(o.ConnectionString), DatabaseOptions.ConnectionStringKey + " is not a valid Npgsql connection string")
            .Validate(o => o.MigratorConnectionString.Length == 0 || IsValidConnectionString(o.MigratorConnectionString),
                DatabaseOptions.MigratorConnectionStringKey + " is not a valid Npgsql connection string")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));
        builder.Services.AddSingleton(TimeProvider.System);
        return builder;
    }

    public static IHostApplicationBuilder AddOutbox(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<OutboxOptions>(OutboxOptions.SectionName);
        builder.Services.AddSingleton<OutboxStore>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<OutboxSignal>());
        return builder;
    }

    public static IHostApplicationBuilder AddBatching(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<BatchingOptions>(BatchingOptions.SectionName);
        return builder;
    }

    public static IHostApplicationBuilder AddSubmission(this IHostApplicationBuilder builder)
    {
        // Every call is fenced to end before its request's deadline (BatchSql.SendWindow), so the deadline must leave
        // room for calls that take Campaign:TotalTimeout with their retries.
        builder.AddValidatedOptions<SubmissionOptions>(SubmissionOptions.SectionName)
            .Validate<IOptions<CampaignOptions>>((submission, campaign) => submission.RequestDeadline > campaign.Value.TotalTimeout * 2,
                "Submission:RequestDeadline must be longer than twice Campaign:TotalTimeout (the longest one call may take with its retries).");
        builder.Services.AddSingleton<BatchStore>();
        builder.Services.AddSingleton<SubmissionPause>();
        builder.Services.AddSingleton<PauseSwitchStore>();
        builder.Services.AddSingleton<OperatorPause>();
        builder.Services.AddSingleton<BatchSubmitter>();
        return builder;
    }

    public static IHostApplicationBuilder AddOutcomes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutcomeStore>();
        return builder;
    }

    public static IHostApplicationBuilder AddSyncWorker(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WorkerIdentity>();
        builder.Services.AddSingleton<RecoverySweep>();
        builder.Services.AddSingleton<ProfileSchemaCheck>();
        builder.Services.AddHostedService<SyncWorker>();
        builder.AddValidatedOptions<ShutdownOptions>(ShutdownOptions.SectionName);
        builder.Services.AddOptions<HostOptions>()
            .Configure<IOptions<ShutdownOptions>>((host, shutdown) => host.ShutdownTimeout = shutdown.Value.Timeout);
        return builder;
    }

    /// <summary>Binds a section with DataAnnotations validation at start-up; messages name the section's keys.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IHostApplicationBuilder builder, string sectionName)
        where T : class
    {
        builder.Services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(sectionName));
        return builder.Services.AddOptions<T>().BindConfiguration(sectionName).ValidateOnStart();
    }

    private static bool IsValidConnectionString(string value)
    {
        try
        {
            _ = new NpgsqlConnectionStringBuilder(value);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
