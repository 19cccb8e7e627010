using CampaignSync.Cli;

// Every feature is a verb of this one executable; `run` (the hosted worker) is the default.
return await WorkerCommandLine.Create().Parse(args).InvokeAsync();
