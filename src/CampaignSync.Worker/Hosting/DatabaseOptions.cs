namespace CampaignSync.Hosting;

/// <summary>The Postgres database that holds the outbox, the batches and Hangfire's storage.</summary>
internal sealed class DatabaseOptions
{
    /// <summary>The configuration key of the connection string (env: ConnectionStrings__Postgres).</summary>
    public const string ConnectionStringKey = "ConnectionStrings:Postgres";

    /// <summary>
    /// An Npgsql connection string. Required by the hosted worker; the demo and the tests start a private cluster
    /// when it is missing. It holds a password, so it is never logged.
    /// </summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply migrations/ when the worker starts. The default value is true.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
