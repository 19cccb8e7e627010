using System.CommandLine;

namespace CampaignSync.Hosting.Cli;

/// <summary>The verbs: run (default), migrate, demo, status, crm-sync.</summary>
internal static class WorkerCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("CampaignSync: keeps Webex Campaign contact profiles in step with the Postgres outbox.");
        var run = new Command("run", "Run the hosted worker (the default).");
        run.SetAction((_, ct) => RunCommand.ExecuteAsync(ct));
        root.SetAction((_, ct) => RunCommand.ExecuteAsync(ct));

        var migrate = new Command("migrate", "Apply migrations/ to the database and exit (0 when the schema is current).");
        migrate.SetAction((_, ct) => MigrateCommand.ExecuteAsync(ct));

        var rows = new Option<int>("--rows") { Description = "Outbox rows the demo writes (with --crm: CRM contacts).", DefaultValueFactory = _ => 10_000 };
        var crm = new Option<bool>("--crm") { Description = "Sync a simulated Wethod CRM instead: CRM → outbox → Campaign, twice." };
        var demo = new Command("demo", "Write demo rows and run the worker until every row has a final outcome.") { rows, crm };
        demo.SetAction((result, ct) => DemoCommand.ExecuteAsync(result.GetValue(rows), result.GetValue(crm), ct));

        var json = new Option<bool>("--json") { Description = "Print one JSON object." };
        var status = new Command("status", "Print outbox rows and batches by state.") { json };
        status.SetAction((result, ct) => StatusCommand.ExecuteAsync(result.GetValue(json), ct));

        var dryRun = new Option<bool>("--dry-run") { Description = "Read the CRM and print what would be written; write nothing." };
        var confirmDeletes = new Option<long?>("--confirm-deletes")
        {
            Description = "Release run RUN, stopped at the delete brake: sync again now, allowed to delete as many contacts as RUN would have.",
            HelpName = "RUN",
        };
        var crmSync = new Command("crm-sync", "Run the CRM-to-Campaign sync now (section Crm).") { dryRun, confirmDeletes };
        crmSync.SetAction((result, ct) => CrmSyncCommand.ExecuteAsync(result.GetValue(dryRun), result.GetValue(confirmDeletes), ct));

        root.Subcommands.Add(run);
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(demo);
        root.Subcommands.Add(status);
        root.Subcommands.Add(crmSync);
        return root;
    }
}
