using Hangfire;

namespace CampaignSync.Crm;

/// <summary>
/// The Hangfire entry point of the nightly CRM sync (issue 9); the run itself is <see cref="CrmSyncRunner"/>. Each
/// feature owns its job (the status polls in <c>Polling/</c>, retention in <c>Retention/</c>, this one here); Hangfire's
/// storage and server are in <c>Scheduling/</c>. Not retried by Hangfire: a failed run is
/// recorded in <c>crm_run</c>, a braked one waits for an operator, and the next scheduled run starts over.
/// </summary>
internal sealed class CrmSyncJob(CrmSyncRunner runner)
{
    /// <summary>The id of the recurring job in Hangfire.</summary>
    public const string RecurringJobId = "crm-sync";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("schedule", dryRun: false, cancellationToken);
        // Busy means another run (the CLI, another replica) is doing this work right now: not a failure.
        if (result.Outcome is not (CrmRunOutcome.Succeeded or CrmRunOutcome.Busy))
        {
            throw new CrmSyncFailedException(result);
        }
    }

    /// <summary>
    /// A full resync an operator asked for on the dashboard (<c>crm-sync --full</c>). Busy fails it too: the resync the
    /// operator asked for did not happen.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task ResyncAsync(string actor, CancellationToken cancellationToken)
    {
        var result = await runner.ResyncAsync(actor, dryRun: false, cancellationToken);
        if (result.Outcome is not CrmRunOutcome.Succeeded)
        {
            throw new CrmSyncFailedException(result);
        }
    }
}
