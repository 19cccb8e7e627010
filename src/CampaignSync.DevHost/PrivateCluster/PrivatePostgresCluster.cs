using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace CampaignSync.DevHost.PrivateCluster;

/// <summary>
/// A throwaway PostgreSQL server for development and tests, run from the machine's own server programs: a fresh
/// folder of its own in the temporary directory (mode 0700, its socket inside), password authentication (scram-sha-256,
/// over TCP and the socket) with a password generated at start and kept only in <see cref="ConnectionString"/>, loopback
/// only, a free TCP port and settings that trade durability for speed. Another OS user can neither enter the folder nor
/// log in. <see cref="DisposeAsync"/> stops the server and deletes the folder. If this process dies first, the next
/// <see cref="StartAsync"/> removes what it left (see <see cref="StaleClusterSweeper"/>).
/// </summary>
internal sealed class PrivatePostgresCluster : IAsyncDisposable
{
    private const int BindAttempts = 3;
    private const int MaxSocketPathBytes = 107;
    private const string Superuser = "postgres";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(100);

    private readonly PostgresBinaries binaries;
    private readonly PrivatePostgresFolder folder;
    private readonly FileStream ownerLock;
    private readonly ILogger logger;
    private readonly string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
    private int disposed;

    private PrivatePostgresCluster(PostgresBinaries binaries, PrivatePostgresFolder folder, FileStream ownerLock, ILogger logger)
    {
        this.binaries = binaries;
        this.folder = folder;
        this.ownerLock = ownerLock;
        this.logger = logger;
    }

    /// <summary>Superuser connection to database <c>postgres</c> over TCP on 127.0.0.1, with the generated password.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>The TCP port the server listens on, chosen free at start.</summary>
    public int Port { get; private set; }

    /// <summary>The folder that holds the data directory, the server log and the unix socket; gone after disposal.</summary>
    public string DirectoryPath => folder.Path;

    /// <summary>Creates, starts and waits for a new cluster in a new folder of the temporary directory.</summary>
    /// <exception cref="InvalidOperationException">No server of version 15 or newer is installed, or it would not start.</exception>
    public static async Task<PrivatePostgresCluster> StartAsync(ILogger logger, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var binaries = await PostgresBinaries.LocateAsync(cancellationToken);
        logger.PostgresServerFound(binaries.MajorVersion, binaries.Directory);
        await StaleClusterSweeper.SweepAsync(Path.GetTempPath(), binaries, logger, cancellationToken);

        var folder = PrivatePostgresFolder.CreateUnique();
        var ownerLock = folder.TryLock(FileMode.CreateNew)
            ?? throw new InvalidOperationException($"Could not take the lock file {folder.LockFile}.");
        var cluster = new PrivatePostgresCluster(binaries, folder, ownerLock, logger);
        AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
        try
        {
            await cluster.InitializeAsync(cancellationToken);
            await cluster.StartServerAsync(cancellationToken);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        var elapsedMs = (long)TimeProvider.System.GetElapsedTime(started).TotalMilliseconds;
        logger.PrivatePostgresStarted(folder.Path, cluster.Port, elapsedMs);
        return cluster;
    }

    /// <summary>
    /// Restarts the server in place (fast mode: open sessions are cut), as an operator's <c>pg_ctl restart</c> would;
    /// the reliability tests use it to prove the worker reconnects and loses nothing.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        await PostgresProcessRunner.RunOrThrowAsync(
            binaries.PgCtl,
            ["restart", "-D", folder.DataDirectory, "-l", folder.LogFile, "-m", "fast", "-w", "-s",
                "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)],
            folder.Path,
            cancellationToken);
        await WaitUntilAcceptingAsync(cancellationToken);
    }

    /// <summary>Stops the server (fast mode: open sessions are ended) and deletes its folder. Safe to call twice.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (Port != 0)
        {
            var (exitCode, output) = await PostgresProcessRunner.RunAsync(
                binaries.PgCtl, folder.StopArguments("fast", StopTimeout), folder.Path, CancellationToken.None);
            if (exitCode != 0)
            {
                logger.PrivatePostgresStopFailed(folder.Path, exitCode, output.Trim());
            }
        }

        folder.Delete();
        await ownerLock.DisposeAsync();
        logger.PrivatePostgresStopped(folder.Path);
    }

    // initdb takes the superuser's password from a file only: it lives in the private folder for the one call.
    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(folder.PasswordFile, password, cancellationToken);
        await PostgresProcessRunner.GiveToServiceUserAsync(folder.Path, cancellationToken);
        try
        {
            await PostgresProcessRunner.RunOrThrowAsync(
                binaries.InitDb,
                ["-D", folder.DataDirectory, "--auth=scram-sha-256", $"--pwfile={folder.PasswordFile}", $"--username={Superuser}",
                    "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                folder.Path,
                cancellationToken);
        }
        finally
        {
            File.Delete(folder.PasswordFile);
        }

        await File.AppendAllTextAsync(
            Path.Combine(folder.DataDirectory, "postgresql.conf"), "\ninclude = 'campaignsync.conf'\n", cancellationToken);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FindFreePort();
            await File.WriteAllTextAsync(
                Path.Combine(folder.DataDirectory, "campaignsync.conf"), DevelopmentSettings(port), cancellationToken);
            var (exitCode, output) = await PostgresProcessRunner.RunAsync(
                binaries.PgCtl,
                ["start", "-D", folder.DataDirectory, "-l", folder.LogFile, "-w", "-s",
                    "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture)],
                folder.Path,
                cancellationToken);
            if (exitCode == 0)
            {
                Port = port;
                ConnectionString = BuildConnectionString(port, password);
                await WaitUntilAcceptingAsync(cancellationToken);
                return;
            }

            var log = File.Exists(folder.LogFile) ? await File.ReadAllTextAsync(folder.LogFile, cancellationToken) : string.Empty;
            if (attempt >= BindAttempts || !log.Contains("could not bind", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"pg_ctl start exited with code {exitCode}: {output.Trim()}\n{log}");
            }

            logger.PrivatePostgresPortTaken(port, attempt);
        }
    }

    // Later lines win over initdb's postgresql.conf. Durability is off on purpose: the data is thrown away.
    // max_connections is high because one test process runs dozens of worker hosts against one cluster, each with
    // its own Npgsql pool and Hangfire storage: at 200 a loaded full suite was refused "53300: too many clients".
    private string DevelopmentSettings(int port) => string.Create(
        CultureInfo.InvariantCulture,
        $"""
        listen_addresses = '127.0.0.1'
        port = {port}
        unix_socket_directories = '{SocketDirectory().Replace("'", "''", StringComparison.Ordinal)}'
        fsync = off
        synchronous_commit = off
        full_page_writes = off
        max_connections = 1000
        shared_buffers = 256MB

        """);

    // The socket lives in the cluster's own folder (0700: only its owner may connect through it). A socket path is
    // limited to 107 bytes (sun_path); under a deep temporary directory the server gets no socket at all rather than
    // one in a shared folder: the connection string uses TCP.
    private string SocketDirectory() =>
        Encoding.UTF8.GetByteCount(Path.Combine(folder.Path, ".s.PGSQL.65535")) <= MaxSocketPathBytes ? folder.Path : string.Empty;

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(deadline.Token);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(deadline.Token);
                return;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(ProbeInterval, TimeProvider.System, deadline.Token);
            }
        }
    }

    private static string BuildConnectionString(int port, string password) => new NpgsqlConnectionStringBuilder
    {
        Host = IPAddress.Loopback.ToString(),
        Port = port,
        Username = Superuser,
        Password = password,
        Database = "postgres",
    }.ConnectionString;

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // An exit without disposal (Environment.Exit, a host that turns SIGTERM into ProcessExit) still stops the server
    // here. A kill that skips ProcessExit (SIGKILL; SIGTERM to an xUnit test host, seen here) leaves it running until
    // the next StartAsync of the same OS user sweeps it.
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        PostgresProcessRunner.RunBlocking(binaries.PgCtl, folder.StopArguments("immediate", StopTimeout), folder.Path, StopTimeout);
        folder.Delete();
        ownerLock.Dispose();
    }
}
