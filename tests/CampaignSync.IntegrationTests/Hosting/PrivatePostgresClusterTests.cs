using System.Diagnostics;
using System.Runtime.Versioning;
using CampaignSync.DevHost.PrivateCluster;
using CampaignSync.IntegrationTests.Infrastructure;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

[Trait("Category", "Foundation")]
[UnsupportedOSPlatform("windows")]
public sealed class PrivatePostgresClusterTests
{
    // Each cluster makes a folder of its own in the temporary directory; a run killed mid-test leaves one that the next
    // start by the same OS user sweeps. The temporary directory is shared: other runs may have live clusters in it.
    private readonly DiagnosticMessageLogger logger = new(nameof(PrivatePostgresClusterTests));

    [Fact]
    public async Task StartAsync_gives_a_server_that_answers_select_1()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);

        var answer = await SelectOneAsync(cluster.ConnectionString, cancellationToken);

        Assert.Equal(1, answer);
    }

    [Fact]
    public async Task DisposeAsync_stops_the_server_and_removes_its_folder()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var cluster = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);

        await cluster.DisposeAsync();

        Assert.False(Directory.Exists(cluster.DirectoryPath));
        var refused = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Pooling = false, Timeout = 2 }.ConnectionString;
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => SelectOneAsync(refused, cancellationToken));
    }

    [Fact]
    public async Task StartAsync_removes_a_cluster_folder_whose_owner_is_gone()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var stale = await PlantAsync(PrivatePostgresFolder.ExpectedOwner, cancellationToken);

        await using var cluster = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);

        Assert.False(Directory.Exists(stale), "The sweeper left a folder of ours whose owner is gone.");
    }

    [Fact]
    public async Task StartAsync_leaves_a_running_cluster_of_a_live_owner_alone()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var first = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);

        await using var second = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);

        Assert.True(Directory.Exists(first.DirectoryPath));
        Assert.NotEqual(first.DirectoryPath, second.DirectoryPath);
        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal(1, await SelectOneAsync(first.ConnectionString, cancellationToken));
        Assert.Equal(1, await SelectOneAsync(second.ConnectionString, cancellationToken));
    }

    [Fact]
    public async Task Another_os_user_cannot_connect_without_the_password_over_tcp_or_the_socket()
    {
        if (!PostgresProcessRunner.IsRoot)
        {
            Assert.Skip("Needs root to run psql as the OS user nobody (setpriv); this process is not root.");
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);
        var psql = Path.Combine((await PostgresBinaries.LocateAsync(cancellationToken)).Directory, "psql");
        var port = cluster.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var password = new NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password;

        var tcp = await RunAsNobodyAsync(psql, ["-h", "127.0.0.1", "-p", port], password: null, cancellationToken);
        var socket = await RunAsNobodyAsync(psql, ["-h", cluster.DirectoryPath, "-p", port], password: null, cancellationToken);
        var socketWithPassword = await RunAsNobodyAsync(psql, ["-h", cluster.DirectoryPath, "-p", port], password, cancellationToken);
        var tcpWithPassword = await RunAsNobodyAsync(psql, ["-h", "127.0.0.1", "-p", port], password, cancellationToken);

        Assert.True(tcp.ExitCode != 0, $"nobody connected over TCP without a password: {tcp.Output}");
        Assert.True(socket.ExitCode != 0, $"nobody connected over the socket without a password: {socket.Output}");
        Assert.True(socketWithPassword.ExitCode != 0, $"nobody reached the socket in the cluster's folder: {socketWithPassword.Output}");
        // The control: the same command as nobody, given the password, gets in, so the refusals above are the server's.
        Assert.True(tcpWithPassword.ExitCode == 0, $"nobody with the password was refused: {tcpWithPassword.Output}");
    }

    [Fact]
    public async Task The_clusters_folder_with_its_socket_is_only_its_owners()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var cluster = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);

        var mode = File.GetUnixFileMode(cluster.DirectoryPath);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, mode);
    }

    [Fact]
    public async Task StartAsync_leaves_a_stale_looking_folder_of_another_user_alone()
    {
        if (!PostgresProcessRunner.IsRoot)
        {
            Assert.Skip("Needs root to plant a folder owned by the OS user nobody; this process is not root.");
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        var planted = await PlantAsync("nobody", cancellationToken);
        try
        {
            await using var cluster = await PrivatePostgresCluster.StartAsync(logger, cancellationToken);

            Assert.True(Directory.Exists(planted), "The sweeper removed a folder another user owns.");
        }
        finally
        {
            Directory.Delete(planted, recursive: true);
        }
    }

    // A folder as a dead cluster leaves it (the marker, a data folder with a postmaster.pid naming no live process), owned by owner.
    private static async Task<string> PlantAsync(string owner, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory(PrivatePostgresFolder.NamePrefix).FullName;
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        await File.WriteAllTextAsync(Path.Combine(folder, PrivatePostgresFolder.LockFileName), string.Empty, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "data", "postmaster.pid"), "999999\n", cancellationToken);
        if (PostgresProcessRunner.IsRoot)
        {
            var (exitCode, output) = await RunAsync("chown", ["-R", owner, folder], cancellationToken);
            Assert.True(exitCode == 0, output);
        }

        return folder;
    }

    private static async Task<(int ExitCode, string Output)> RunAsNobodyAsync(
        string psql, string[] target, string? password, CancellationToken cancellationToken)
    {
        string[] nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", "--", psql, "-w", "-X", "-U", "postgres", "-d", "postgres", "-c", "select 1"];
        return await RunAsync("setpriv", [.. nobody, .. target], cancellationToken, new Dictionary<string, string?>
        {
            ["PGPASSWORD"] = password,
            ["PGPASSFILE"] = "/nonexistent",
            ["HOME"] = "/nonexistent",
        });
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(
        string program, string[] arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/" };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await output + await error);
    }

    private static async Task<int> SelectOneAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select 1", connection);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
