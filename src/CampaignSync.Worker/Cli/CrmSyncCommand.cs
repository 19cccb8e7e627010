using CampaignSync.Crm;
using Microsoft.Extensions.Options;

namespace CampaignSync.Cli;

/// <summary>
/// <c>crm-sync [--dry-run] [--confirm-deletes RUN] [--full [--by NAME]]</c>: runs the CRM sync now with the worker's
/// configuration, prints what it wrote (or, with <c>--dry-run</c>, what it would write), or releases a run stopped at
/// the delete brake. <c>--full</c> re-sends every contact in the bulk lane (a full resync), recorded as an operator
/// action. Exits 0 when the run succeeded (or the dry run completed), 1 when it failed or braked, 2 on bad settings.
/// </summary>
internal static class CrmSyncCommand
{
    public static Task<int> ExecuteAsync(bool dryRun, long? confirmRunId, bool full, string? by, CancellationToken cancellationToken)
    {
        if (confirmRunId is not null && (dryRun || full))
        {
            return CliConsole.GuardAsync(() => throw new ConfigurationException("--confirm-deletes cannot be combined with --dry-run or --full"));
        }

        var actor = string.IsNullOrWhiteSpace(by) ? Environment.UserName : by.Trim();

        return CliConsole.WithWorkerHostAsync(async app =>
        {
            var missing = app.Services.GetRequiredService<IOptions<CrmOptions>>().Value.MissingForRun();
            if (missing.Count > 0)
            {
                throw new ConfigurationException($"crm-sync needs {string.Join(", ", missing)}");
            }

            var runner = app.Services.GetRequiredService<CrmSyncRunner>();
            var result = confirmRunId is { } runId
                ? await runner.ConfirmDeletesAsync(runId, cancellationToken)
                : full
                    ? await runner.ResyncAsync(actor, dryRun, cancellationToken)
                    : await runner.RunAsync("cli", dryRun, cancellationToken);
            CrmRunPrinter.Print(result, Console.Out);
            return result.Outcome is CrmRunOutcome.Succeeded or CrmRunOutcome.DryRun ? CliConsole.ExitOk : CliConsole.ExitFailed;
        }, cancellationToken);
    }
}
