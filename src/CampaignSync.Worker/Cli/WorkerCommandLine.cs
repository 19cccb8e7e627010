using System.CommandLine;
using CampaignSync.Operations;
using CampaignSync.Outbox;

namespace CampaignSync.Cli;

/// <summary>The verbs: run (default), migrate, status, retry, discard, abandon, pause, resume, enqueue, crm-sync, check, plan.</summary>
internal static class WorkerCommandLine
{
    /// <remarks>The development host (src/CampaignSync.DevHost) adds <c>demo</c> to these.</remarks>
    public static RootCommand Create()
    {
        var root = new RootCommand("CampaignSync: keeps Webex Campaign contact profiles in step with the Postgres outbox.");
        var run = new Command("run", "Run the hosted worker (the default).");
        run.SetAction((_, ct) => RunCommand.ExecuteAsync(ct));
        root.SetAction((_, ct) => RunCommand.ExecuteAsync(ct));

        var migrate = new Command("migrate", "Apply migrations/ to the database and exit (0 when the schema is current).");
        migrate.SetAction((_, ct) => MigrateCommand.ExecuteAsync(ct));

        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var status = new Command("status", "Print outbox rows and batches by state.") { json };
        status.SetAction((result, ct) => StatusCommand.ExecuteAsync(result.GetValue(json), ct));
        var plan = new Command("plan",
            "Print what the next round of each due contact would send (records, folds, requests by profile and modes, bytes, rows that would fail); claim and write nothing.")
            { json };
        plan.SetAction((result, ct) => PlanCommand.ExecuteAsync(result.GetValue(json), ct));

        var dryRun = new Option<bool>("--dry-run") { Description = "Read the CRM and print what would be written; write nothing." };
        var confirmDeletes = new Option<long?>("--confirm-deletes")
        {
            Description = "Release run RUN, stopped at the delete brake: sync again now, allowed to delete as many contacts as RUN would have.",
            HelpName = "RUN",
        };
        var full = new Option<bool>("--full")
        {
            Description = "A full resync: send every CRM contact again, changed or not, in the bulk lane (live changes go first).",
        };
        var resyncBy = new Option<string?>("--by") { Description = "Who asks for the full resync, as recorded with the action. The default is the OS user." };
        var crmSync = new Command("crm-sync", "Run the CRM-to-Campaign sync now (section Crm).") { dryRun, confirmDeletes, full, resyncBy };
        crmSync.SetAction((result, ct) => CrmSyncCommand.ExecuteAsync(result.GetValue(dryRun), result.GetValue(confirmDeletes), result.GetValue(full),
            result.GetValue(resyncBy), ct));

        root.Subcommands.Add(run);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(status);
        root.Subcommands.Add(OperatorVerb("retry", OperatorAction.Retry,
            "Send failed and dead rows again: back to pending with attempts reset. Without --yes, only counts them."));
        root.Subcommands.Add(OperatorVerb("discard", OperatorAction.Discard,
            "Mark failed and dead rows as discarded (outcome code 'discarded'). Without --yes, only counts them."));
        root.Subcommands.Add(AbandonVerb());
        root.Subcommands.Add(PauseVerb("pause", pause: true,
            "Pause every replica: no claims and no submits until resume (requests already sent are still polled)."));
        root.Subcommands.Add(PauseVerb("resume", pause: false, "Lift the operators' pause: every replica claims and submits again."));
        root.Subcommands.Add(EnqueueVerb());
        root.Subcommands.Add(crmSync);
        root.Subcommands.Add(CheckVerb());
        root.Subcommands.Add(plan);
        return root;
    }

    private static Command CheckVerb()
    {
        var probe = new Option<string?>("--probe")
        {
            Description = "Then send one upsert for this contact key (its own values, written back) and follow it through status, error file and read-back.",
            HelpName = "KEY",
        };
        var profile = new Option<string>("--profile") { Description = "The profile of the --probe key.", DefaultValueFactory = _ => "contacts" };
        var command = new Command("check",
            "Check the configured tenant without writing: keys, paths, and the profiles and attributes pending rows use. Exit 0 only when nothing is wrong.")
            { probe, profile };
        command.SetAction((result, ct) => CheckCommand.ExecuteAsync(result.GetValue(probe), result.GetValue(profile)!, ct));
        return command;
    }

    private static Command AbandonVerb()
    {
        var batch = new Option<long>("--batch") { Description = "The stalled request's batch id (dashboard, Requests).", Required = true };
        var by = new Option<string?>("--by") { Description = "Who acts, as recorded with the action. The default is the OS user." };
        var yes = new Option<bool>("--yes") { Description = "Do it. Without it, the verb says what it would do and changes nothing." };
        var command = new Command("abandon",
            "Give up a stalled request (past its deadline, Campaign still says processing): its rows are sent again, its contacts freed.") { batch, by, yes };
        command.SetAction((result, ct) => AbandonCommand.ExecuteAsync(result.GetValue(batch), result.GetValue(by), result.GetValue(yes), ct));
        return command;
    }

    private static Command PauseVerb(string name, bool pause, string description)
    {
        var by = new Option<string?>("--by") { Description = "Who acts, as recorded with the action. The default is the OS user." };
        var command = new Command(name, description) { by };
        command.SetAction((result, ct) => PauseCommand.ExecuteAsync(pause, result.GetValue(by), ct));
        return command;
    }

    private static Command OperatorVerb(string name, OperatorAction action, string description)
    {
        var code = new Option<string?>("--code") { Description = "Rows whose outcome code is this (e.g. 1001, expired)." };
        var olderThan = new Option<string?>("--older-than") { Description = "Rows that ended longer ago than this: 90m, 7d, or 1.00:00:00." };
        var ids = new Option<string[]>("--ids") { Description = "Outbox ids, separated by spaces or commas.", AllowMultipleArgumentsPerToken = true };
        var by = new Option<string?>("--by") { Description = "Who acts, as recorded with the action. The default is the OS user." };
        var yes = new Option<bool>("--yes") { Description = "Do it. Without it, the verb prints the count and changes nothing." };
        var command = new Command(name, description) { code, olderThan, ids, by, yes };
        command.SetAction((result, ct) => CliConsole.GuardAsync(() => OperatorActionCommand.ExecuteAsync(action,
            new RowFilter(result.GetValue(code), OperatorActionCommand.ParseAge(result.GetValue(olderThan)), OperatorActionCommand.ParseIds(result.GetValue(ids))),
            result.GetValue(by), result.GetValue(yes), ct)));
        return command;
    }

    private static Command EnqueueVerb()
    {
        var csv = new Option<string>("--csv") { Description = "The file of changes (a header row naming outbox columns).", Required = true };
        var source = new Option<string>("--source") { Description = "Source for lines without one.", DefaultValueFactory = _ => EnqueueCommand.DefaultSource };
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Load the valid lines even when some are rejected." };
        var lane = new Option<string>("--lane")
        {
            Description = "live (default) or bulk: a backfill in the bulk lane does not hold up live changes.",
            DefaultValueFactory = _ => OutboxLane.Live,
        };
        lane.AcceptOnlyFromAmong(OutboxLane.Live, OutboxLane.Bulk);
        var command = new Command("enqueue", "Load a CSV file of changes into the outbox (validated, one COPY, all or nothing).") { csv, source, lane, skipInvalid };
        command.SetAction((result, ct) => EnqueueCommand.ExecuteAsync(result.GetValue(csv)!, result.GetValue(source)!, result.GetValue(lane)!,
            result.GetValue(skipInvalid), ct));
        return command;
    }
}
