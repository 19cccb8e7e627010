using System.Collections.Concurrent;
using System.Globalization;
using CampaignSync.Database;
using CampaignSync.DevHost.PrivateCluster;
using Npgsql;
using Testcontainers.PostgreSql;

[assembly: AssemblyFixture(typeof(CampaignSync.IntegrationTests.Infrastructure.PostgresFixture))]

namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// One PostgreSQL server per test run, with the schema applied once into a template database. A test class gets
/// its own database cloned from the template (<see cref="PostgresDatabase"/>, or <see cref="CreateDatabaseAsync"/>
/// directly), so classes run in parallel without truncation or a global lock.
/// The server is, in this order: the one named by <see cref="ServerVariable"/>; a Testcontainers
/// <see cref="ContainerImage"/> where a Docker engine answers; otherwise a <see cref="PrivatePostgresCluster"/>.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>A connection string to a server where the tests may create and drop databases.</summary>
    public const string ServerVariable = "CAMPAIGNSYNC_TEST_POSTGRES";

    /// <summary>Pinned: the oldest major the schema supports, so tests catch use of newer features.</summary>
    public const string ContainerImage = "postgres:15-alpine";

    private readonly string runId = Guid.NewGuid().ToString("N")[..8];
    private readonly ConcurrentQueue<string> createdDatabases = new();
    private readonly SemaphoreSlim cloneGate = new(1, 1);
    private IAsyncDisposable? ownedServer;
    private int databaseCount;

    /// <summary>Where the server came from: environment, testcontainers or private-cluster.</summary>
    public string Source { get; private set; } = string.Empty;

    /// <summary>Superuser (or database-creating) connection to the server's maintenance database.</summary>
    public string ServerConnectionString { get; private set; } = string.Empty;

    /// <summary>The migrated template every test database is cloned from.</summary>
    public string TemplateDatabase => $"campaignsync_template_{runId}";

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var logger = new DiagnosticMessageLogger(nameof(PostgresFixture));
        ServerConnectionString = await ResolveServerAsync(logger, cancellationToken);
        TestContext.Current.SendDiagnosticMessage("Test PostgreSQL server: {0}", Source);

        await ExecuteAsync(ServerConnectionString, $"create database {TemplateDatabase}", cancellationToken);
        // No pooling: an idle pooled connection to the template would make every CREATE DATABASE ... TEMPLATE fail.
        var template = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = TemplateDatabase, Pooling = false };
        SchemaMigrator.Migrate(template.ConnectionString, logger);
        await ExecuteAsync(
            ServerConnectionString,
            $"alter database {TemplateDatabase} with is_template true allow_connections false",
            cancellationToken);
    }

    /// <summary>Creates a new database cloned from the migrated template and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = string.Create(
            CultureInfo.InvariantCulture, $"campaignsync_{runId}_{Interlocked.Increment(ref databaseCount)}");
        // One clone at a time: CREATE DATABASE copies files and checkpoints; in parallel it only contends for the same disk.
        await cloneGate.WaitAsync(cancellationToken);
        try
        {
            await ExecuteAsync(ServerConnectionString, $"create database {name} template {TemplateDatabase}", cancellationToken);
        }
        finally
        {
            cloneGate.Release();
        }

        createdDatabases.Enqueue(name);
        return DatabaseConnectionString(name);
    }

    /// <summary>
    /// Creates a database with no schema at all (for tests of migration and of readiness before it), dropped with the
    /// others at the end of the run; returns a connection string to it.
    /// </summary>
    public async Task<string> CreateEmptyDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = string.Create(
            CultureInfo.InvariantCulture, $"campaignsync_{runId}_empty_{Interlocked.Increment(ref databaseCount)}");
        await ExecuteAsync(ServerConnectionString, $"create database {name}", cancellationToken);
        createdDatabases.Enqueue(name);
        return DatabaseConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (ownedServer is not null)
        {
            // The whole server goes away with its databases.
            await ownedServer.DisposeAsync();
        }
        else if (ServerConnectionString.Length > 0)
        {
            await DropDatabasesAsync();
        }

        cloneGate.Dispose();
    }

    private async Task<string> ResolveServerAsync(DiagnosticMessageLogger logger, CancellationToken cancellationToken)
    {
        var given = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            Source = "environment";
            return given;
        }

        if (await DockerEngineProbe.AnswersAsync(cancellationToken))
        {
            var container = new PostgreSqlBuilder(ContainerImage).Build();
            ownedServer = container;
            await container.StartAsync(cancellationToken);
            Source = "testcontainers";
            return container.GetConnectionString();
        }

        var cluster = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);
        SuiteLog.RegisterSecret(new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password);
        ownedServer = cluster;
        Source = "private-cluster";
        return cluster.ConnectionString;
    }

    private async Task DropDatabasesAsync()
    {
        // WITH (FORCE) ends sessions that test classes left open; the run is over, nobody else uses these.
        while (createdDatabases.TryDequeue(out var name))
        {
            await ExecuteAsync(ServerConnectionString, $"drop database if exists {name} with (force)", CancellationToken.None);
        }

        await ExecuteAsync(
            ServerConnectionString, $"alter database {TemplateDatabase} with is_template false", CancellationToken.None);
        await ExecuteAsync(
            ServerConnectionString, $"drop database if exists {TemplateDatabase} with (force)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// A connection string to one test database. Its pools close a connection idle for a few seconds instead of
    /// Npgsql's 5 minutes: every test's hosts (their Hangfire storage, the worker, the harness) leave pooled connections
    /// behind when they stop, and kept for 5 minutes they added up past the server's 200 in a full run ("53300: sorry,
    /// too many clients already", with 150 of them idle in a run of only six test classes).
    /// </summary>
    private string DatabaseConnectionString(string name) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name, ConnectionIdleLifetime = 5, ConnectionPruningInterval = 1 }.ConnectionString;
}
