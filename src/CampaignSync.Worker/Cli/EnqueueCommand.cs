using System.Globalization;
using CampaignSync.Operations;
using Npgsql;

namespace CampaignSync.Cli;

/// <summary>
/// <c>enqueue --csv FILE [--source NAME] [--lane live|bulk] [--skip-invalid]</c>: loads a file of changes into the outbox with one
/// binary COPY, after the same checks the worker makes. Prints every rejected line and why; a file with a bad line
/// loads nothing unless <c>--skip-invalid</c>. Exits 0 when every line loaded, 1 when any line was rejected. A
/// backfill goes in the bulk lane, so live changes are not queued behind it.
/// </summary>
internal static class EnqueueCommand
{
    /// <summary>The source written on rows whose line has no source column.</summary>
    public const string DefaultSource = "enqueue-csv";

    public static Task<int> ExecuteAsync(string path, string source, string lane, bool skipInvalid, CancellationToken cancellationToken) =>
        CliConsole.GuardAsync(async () =>
        {
            await using var dataSource = NpgsqlDataSource.Create(CliConsole.RequireConnectionString());
            return await RunAsync(new EnqueueStore(dataSource), path, source, lane, skipInvalid, Console.Out, cancellationToken);
        });

    public static async Task<int> RunAsync(EnqueueStore store, string path, string source, string lane, bool skipInvalid, TextWriter output,
        CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new ConfigurationException($"--csv: there is no file {path}");
        }

        using var text = File.OpenText(path);
        CsvChangeReader reader;
        try
        {
            reader = new CsvChangeReader(text, source);
        }
        catch (InvalidDataException ex)
        {
            await output.WriteLineAsync($"{ex.Message}. Nothing was loaded.");
            return CliConsole.ExitFailed;
        }

        using (reader)
        {
            var result = await store.LoadAsync(reader.ReadAll(), lane, skipInvalid, cancellationToken);
            foreach (var rejection in result.Rejections)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"line {rejection.Line}: {rejection.Reason}"));
            }

            await output.WriteLineAsync(Summary(result, skipInvalid));
            return result.Rejections.Count == 0 ? CliConsole.ExitOk : CliConsole.ExitFailed;
        }
    }

    private static string Summary(EnqueueResult result, bool skipInvalid) => result.Rejections.Count == 0
        ? string.Create(CultureInfo.InvariantCulture, $"Loaded {result.Loaded:N0} rows into the outbox.")
        : skipInvalid
            ? string.Create(CultureInfo.InvariantCulture, $"Loaded {result.Loaded:N0} rows; skipped {result.Rejections.Count:N0} rejected lines.")
            : string.Create(CultureInfo.InvariantCulture,
                $"Rejected {result.Rejections.Count:N0} lines; nothing was loaded ({result.Valid:N0} lines were valid: fix the file, or run again with --skip-invalid to load only those).");
}
