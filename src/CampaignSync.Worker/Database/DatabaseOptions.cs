namespace CampaignSync.Database;

/// <summary>The Postgres database that holds the outbox, the batches and Hangfire's storage.</summary>
internal sealed class DatabaseOptions
{
    /// <summary>The configuration key of the connection string (env: ConnectionStrings__Postgres).</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Postgres";

    /// <summary>
    /// The configuration key of the migrator's connection string (env: ConnectionStrings__Migrator): the owner's login,
    /// used by <c>migrate</c> and <see cref="MigrateOnStart"/> only. Unset, they use <see cref="ConnectionStringKey"/>.
    /// </summary>
    public const string MigratorConnectionStringKey = "ConnectionStrings:Migrator";

    /// <summary>
    /// An Npgsql connection string: a login of the runtime role for <c>run</c>, of the operator role for the operator
    /// verbs. Required by the hosted worker; the demo and the tests start a private cluster when it is missing. It holds
    /// a password, so it is never logged.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The migrator's connection string (<see cref="MigratorConnectionStringKey"/>); empty when not configured.</summary>
    public string MigratorConnectionString { get; set; } = "";

    /// <summary>What migrations run with: the migrator's login when configured, else <see cref="ConnectionString"/>.</summary>
    public string MigrationConnectionString => MigratorConnectionString.Length > 0 ? MigratorConnectionString : ConnectionString;

    /// <summary>Apply migrations/ when the worker starts. The default value is true.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
