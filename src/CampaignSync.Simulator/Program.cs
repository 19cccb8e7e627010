using CampaignSync.Simulator;

await using var host = await SimulatorHost.StartAsync(args);
await host.WaitForShutdownAsync();
