using CampaignSync.Simulator;
using CampaignSync.Simulator.Wethod;

// `dotnet run -- wethod [--urls …]` runs the Wethod CRM simulator; anything else runs the Campaign simulator.
if (args is ["wethod", .. var rest])
{
    await using var wethod = await WethodSimulatorHost.StartAsync(rest);
    await wethod.WaitForShutdownAsync();
    return;
}

await using var host = await SimulatorHost.StartAsync(args);
await host.WaitForShutdownAsync();
