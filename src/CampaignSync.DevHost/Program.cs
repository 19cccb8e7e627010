using CampaignSync.Cli;
using CampaignSync.DevHost.Demo;

// The worker's verbs plus `demo`, for a development machine: nothing here ships in the worker's image.
var root = WorkerCommandLine.Create();
root.Subcommands.Add(DemoCommand.Create());
return await root.Parse(args).InvokeAsync();
