using System.Diagnostics;
using System.Globalization;

namespace CampaignSync.DevHost.PrivateCluster;

/// <summary>
/// Runs the PostgreSQL programs with argument lists (never a shell string). The server refuses to run as root,
/// so when this process is root every program runs as the <see cref="ServiceUser"/> account through setpriv
/// (util-linux, no PAM session needed).
/// </summary>
internal static class PostgresProcessRunner
{
    /// <summary>The OS account that Debian's postgresql package creates and that owns the data folders.</summary>
    public const string ServiceUser = "postgres";

    private const string SetPriv = "setpriv";

    /// <summary>True when this process runs as root, so the server programs must switch user.</summary>
    public static bool IsRoot { get; } = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>Runs a program to completion and returns its exit code with stdout and stderr together.</summary>
    public static Task<(int ExitCode, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        RunCoreAsync(program, arguments, workingDirectory, asServiceUser: IsRoot, cancellationToken);

    /// <summary>Runs a program and throws with its output when it exits non-zero.</summary>
    public static Task RunOrThrowAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken) =>
        RunOrThrowCoreAsync(program, arguments, workingDirectory, asServiceUser: IsRoot, cancellationToken);

    /// <summary>
    /// Runs a program and waits at most <paramref name="timeout"/> without async: for a process-exit handler,
    /// where the runtime is going down and nothing may be awaited.
    /// </summary>
    public static void RunBlocking(string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        using var process = Start(program, arguments, workingDirectory, asServiceUser: IsRoot);
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Gives a folder to <see cref="ServiceUser"/> when this process is root; otherwise does nothing.</summary>
    public static Task GiveToServiceUserAsync(string directory, CancellationToken cancellationToken) =>
        IsRoot
            ? RunOrThrowCoreAsync(
                "chown", ["-R", $"{ServiceUser}:{ServiceUser}", directory], directory, asServiceUser: false, cancellationToken)
            : Task.CompletedTask;

    private static async Task<(int ExitCode, string Output)> RunCoreAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, bool asServiceUser, CancellationToken cancellationToken)
    {
        using var process = Start(program, arguments, workingDirectory, asServiceUser);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, string.Concat(await stdout, await stderr));
    }

    private static async Task RunOrThrowCoreAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, bool asServiceUser, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await RunCoreAsync(program, arguments, workingDirectory, asServiceUser, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"{Path.GetFileName(program)} exited with code {exitCode}: {output.Trim()}"));
        }
    }

    private static Process Start(string program, IReadOnlyList<string> arguments, string workingDirectory, bool asServiceUser)
    {
        var startInfo = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        startInfo.FileName = asServiceUser ? SetPriv : program;
        if (asServiceUser)
        {
            foreach (var option in (string[])[$"--reuid={ServiceUser}", $"--regid={ServiceUser}", "--init-groups", "--", program])
            {
                startInfo.ArgumentList.Add(option);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Messages are parsed (bind failures) and must not depend on the caller's locale.
        startInfo.Environment["LC_ALL"] = "C";
        startInfo.Environment["LANG"] = "C";
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {program}.");
        process.StandardInput.Close();
        return process;
    }
}
