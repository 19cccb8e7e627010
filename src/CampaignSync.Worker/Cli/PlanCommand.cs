using System.Globalization;
using System.Text.Json;
using CampaignSync.Operations;

namespace CampaignSync.Cli;

/// <summary>
/// <c>plan [--json]</c>: what the next round of each due contact would send (<see cref="OutboxPlan"/>): contacts,
/// rows, folds, requests by lane, profile, operation and modes, bytes, and the rows that would fail and why. Claims
/// nothing and writes nothing; exit 0.
/// </summary>
internal static class PlanCommand
{
    public static Task<int> ExecuteAsync(bool json, CancellationToken cancellationToken) =>
        CliConsole.WithWorkerHostAsync(async app =>
        {
            var report = await ActivatorUtilities.CreateInstance<OutboxPlan>(app.Services).RunAsync(cancellationToken);
            Console.WriteLine(json ? JsonSerializer.Serialize(report, PlanJsonContext.Default.PlanReport) : Describe(report));
            return CliConsole.ExitOk;
        }, cancellationToken, migrate: false, logsToStandardError: json);

    /// <summary>The report as the verb prints it; <paramref name="failureLimit"/> shortens the list of failing rows.</summary>
    public static string Describe(PlanReport report, int failureLimit = int.MaxValue)
    {
        var lines = new List<string>
        {
            $"Plan of {report.Scope}.",
            string.Create(CultureInfo.InvariantCulture,
                $"{report.Contacts:N0} contact(s), {report.Rows:N0} row(s): {report.Records:N0} record(s) in {report.RequestCount:N0} request(s), {report.Bytes:N0} bytes at most; "
                + $"{report.RowsFolded:N0} row(s) folded into newer ones, {report.RowsCovered:N0} covered by rows already applied, {report.RowsLeft:N0} left for a later round, {report.Failures.Count:N0} would fail."),
        };
        if (report.Requests.Count > 0)
        {
            lines.Add(Table(["LANE", "PROFILE", "OPERATION", "UPSERT_MODE", "UPDATE_LINK", "REQUESTS", "RECORDS", "BYTES"],
                report.Requests.Select(r => new[]
                {
                    r.Lane, r.Profile, r.Operation, Mode(r.UpsertMode), Mode(r.UpdateLink),
                    r.Requests.ToString(CultureInfo.InvariantCulture), r.Records.ToString(CultureInfo.InvariantCulture), r.Bytes.ToString(CultureInfo.InvariantCulture),
                })));
        }

        if (report.Failures.Count > 0)
        {
            lines.Add("Rows that would fail:");
            lines.Add(Table(["ID", "PROFILE", "CODE", "REASON"],
                report.Failures.Take(failureLimit).Select(f => new[] { f.Id.ToString(CultureInfo.InvariantCulture), f.Profile, f.Code, f.Reason })));
            if (report.Failures.Count > failureLimit)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"… and {report.Failures.Count - failureLimit:N0} more (plan --json lists them all)."));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static string Mode(short? mode) => mode?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length) + 2).ToArray();
        return string.Join(Environment.NewLine, all.Select(r => string.Concat(r.Select((cell, i) => i == r.Length - 1 ? cell : cell.PadRight(widths[i])))));
    }
}
