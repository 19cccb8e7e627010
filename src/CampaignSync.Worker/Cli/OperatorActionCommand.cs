using System.Globalization;
using CampaignSync.Operations;
using Npgsql;

namespace CampaignSync.Cli;

/// <summary>
/// <c>retry</c> and <c>discard</c>: act on failed and dead rows chosen by code, age and ids. Without <c>--yes</c> the
/// verb prints how many rows it would change and exits 3 having changed nothing (it never asks a question, so it is
/// safe in CI); with it, the change and its record (who, when, filter, how many, which rows) are one transaction.
/// </summary>
internal static class OperatorActionCommand
{
    public static Task<int> ExecuteAsync(OperatorAction action, RowFilter filter, string? by, bool yes, CancellationToken cancellationToken) =>
        CliConsole.GuardAsync(async () =>
        {
            Validate(filter, by ?? Environment.UserName);
            await using var dataSource = NpgsqlDataSource.Create(CliConsole.RequireConnectionString());
            return await RunAsync(new OperatorActionStore(dataSource), action, filter, by ?? Environment.UserName, yes, Console.Out, cancellationToken);
        });

    public static async Task<int> RunAsync(OperatorActionStore store, OperatorAction action, RowFilter filter, string actor, bool yes,
        TextWriter output, CancellationToken cancellationToken)
    {
        Validate(filter, actor);
        var verb = action == OperatorAction.Retry ? "retry" : "discard";
        var preview = await store.PreviewAsync(action, filter, cancellationToken);
        if (preview.Skipped > 0)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{preview.Skipped:N0} matching rows are left alone: a newer change of the same contact was sent or is pending, and sending the older one again would undo it."));
        }

        if (!yes)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{preview.Matching:N0} failed or dead rows match {filter.Describe()}. Nothing changed: run again with --yes to {verb} them."));
            return CliConsole.ExitNotConfirmed;
        }

        var record = await store.ApplyAsync(action, filter, actor, cancellationToken);
        var done = action == OperatorAction.Retry ? "Retried" : "Discarded";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{done} {record.RowCount:N0} rows matching {filter.Describe()} (operator action {record.ActionId} by {actor})."));
        return CliConsole.ExitOk;
    }

    private static void Validate(RowFilter filter, string actor)
    {
        if (filter.IsEmpty)
        {
            throw new ConfigurationException("give at least one of --code, --older-than, --ids (an action never takes every failure by default)");
        }

        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new ConfigurationException("--by must name who acts");
        }
    }

    /// <summary>Reads <c>--older-than</c>: a number with s, m, h or d (<c>90m</c>, <c>7d</c>), or a TimeSpan (<c>1.00:00:00</c>).</summary>
    public static TimeSpan? ParseAge(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var unit = text[^1];
        if (char.IsLetter(unit) && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
        {
            TimeSpan? age = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            return age ?? throw new ConfigurationException("--older-than takes a number with s, m, h or d (90m, 7d), or a TimeSpan (1.00:00:00)");
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero
            ? span
            : throw new ConfigurationException("--older-than takes a number with s, m, h or d (90m, 7d), or a TimeSpan (1.00:00:00)");
    }

    /// <summary>Reads <c>--ids</c>: outbox ids separated by spaces or commas.</summary>
    public static IReadOnlyList<long> ParseIds(IEnumerable<string>? values)
    {
        var ids = new List<long>();
        foreach (var part in (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            ids.Add(long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                ? id
                : throw new ConfigurationException($"--ids: '{part}' is not an outbox id"));
        }

        return ids;
    }
}
