using CampaignSync.Operations;

namespace CampaignSync.Cli;

/// <summary>
/// <c>check [--probe KEY [--profile NAME]]</c>: checks the configured tenant against the configuration and the pending
/// outbox rows without writing anything (<see cref="TenantCheck"/>), prints a table of what is wrong, and exits 0 only
/// when nothing is. With <c>--probe</c>, and only when the check found nothing, it then sends one upsert for the key and
/// prints each step (<see cref="TenantProbe"/>); exit 0 only when every step did what the project expects.
/// </summary>
internal static class CheckCommand
{
    public static Task<int> ExecuteAsync(string? probeKey, string profileName, CancellationToken cancellationToken) =>
        CliConsole.WithWorkerHostAsync(async app =>
        {
            var report = await ActivatorUtilities.CreateInstance<TenantCheck>(app.Services).RunAsync(cancellationToken);
            Print(report, Console.Out);
            if (report.Findings.Count > 0)
            {
                if (probeKey is not null)
                {
                    Console.WriteLine("Probe not sent: fix what check found first.");
                }

                return CliConsole.ExitFailed;
            }

            if (probeKey is null)
            {
                return CliConsole.ExitOk;
            }

            var passed = await ActivatorUtilities.CreateInstance<TenantProbe>(app.Services).RunAsync(profileName, probeKey, Console.Out, cancellationToken);
            Console.WriteLine(passed ? "Probe passed." : "Probe failed: see the steps above.");
            return passed ? CliConsole.ExitOk : CliConsole.ExitFailed;
        }, cancellationToken, migrate: false);

    public static void Print(CheckReport report, TextWriter output)
    {
        output.WriteLine($"Checked {report.Checked}.");
        if (report.Findings.Count == 0)
        {
            output.WriteLine("Nothing is wrong.");
            return;
        }

        var checkWidth = Math.Max("CHECK".Length, report.Findings.Max(f => f.Check.Length)) + 2;
        var subjectWidth = Math.Max("SUBJECT".Length, report.Findings.Max(f => f.Subject.Length)) + 2;
        output.WriteLine("CHECK".PadRight(checkWidth) + "SUBJECT".PadRight(subjectWidth) + "PROBLEM");
        foreach (var finding in report.Findings)
        {
            output.WriteLine(finding.Check.PadRight(checkWidth) + finding.Subject.PadRight(subjectWidth) + finding.Problem);
        }

        output.WriteLine($"{report.Findings.Count} problem(s).");
    }
}
