using System.Globalization;
using CampaignSync.Operations;
using Npgsql;

namespace CampaignSync.Cli;

/// <summary>
/// <c>pause</c> and <c>resume</c>: the operators' switch that every replica honours. Paused, no replica claims or
/// submits rows (they wait as pending); requests already sent are still polled to their outcome. Each change is an
/// operator action (who, when); setting the switch to where it already is changes and records nothing.
/// </summary>
internal static class PauseCommand
{
    public static Task<int> ExecuteAsync(bool pause, string? by, CancellationToken cancellationToken) =>
        CliConsole.GuardAsync(async () =>
        {
            await using var dataSource = NpgsqlDataSource.Create(CliConsole.RequireConnectionString());
            return await RunAsync(new PauseSwitchStore(dataSource), pause, by ?? Environment.UserName, Console.Out, cancellationToken);
        });

    public static async Task<int> RunAsync(PauseSwitchStore store, bool pause, string actor, TextWriter output, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(actor))
        {
            throw new ConfigurationException("--by must name who acts");
        }

        var record = await store.SetAsync(pause, actor, cancellationToken);
        if (record is null)
        {
            await output.WriteLineAsync(Describe(await store.ReadAsync(cancellationToken)) + " Nothing changed.");
            return CliConsole.ExitOk;
        }

        var done = pause
            ? "Paused: no replica claims or submits rows until `resume`; requests already sent are still polled"
            : "Resumed: every replica claims and submits again";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{done} (operator action {record.ActionId} by {actor})."));
        return CliConsole.ExitOk;
    }

    /// <summary>The switch in one sentence, for <c>status</c> and the verbs.</summary>
    public static string Describe(PauseState state) => state switch
    {
        { Paused: true } => string.Create(CultureInfo.InvariantCulture,
            $"Paused by an operator ({state.Actor}, {state.ChangedAt:u}, action {state.ActionId}): no replica claims or submits until `resume`."),
        { ChangedAt: { } since } => string.Create(CultureInfo.InvariantCulture, $"Running (resumed by {state.Actor}, {since:u})."),
        _ => "Running (never paused).",
    };
}
