using System.CommandLine;
using System.Text.Json;
using CampaignSync.Benchmark;

// dotnet run -c Release --project src/CampaignSync.Benchmark -- --rows N --json FILE (README.md).
var rows = new Option<int>("--rows") { Description = "Outbox rows of the Postgres-only and worker runs.", DefaultValueFactory = _ => BenchmarkSettings.DefaultRows };
var json = new Option<string?>("--json") { Description = "Write the figures to this JSON file." };
var baseline = new Option<int>("--baseline-rows") { Description = "Rows of the one-job-per-record sample.", DefaultValueFactory = _ => BenchmarkSettings.DefaultBaselineRows };
var limitedRows = new Option<int>("--rate-limited-rows") { Description = "Upsert rows of the rate-limited run.", DefaultValueFactory = _ => BenchmarkSettings.DefaultRateLimitedRows };
var rps = new Option<int>("--requests-per-second") { Description = "The rate limit of the rate-limited run.", DefaultValueFactory = _ => BenchmarkSettings.DefaultRequestsPerSecond };
var batch = new Option<int>("--rate-limited-batch") { Description = "Records per request in the rate-limited run.", DefaultValueFactory = _ => BenchmarkSettings.DefaultRateLimitedBatchSize };
var root = new RootCommand("CampaignSync drain benchmark (issue 6).") { rows, json, baseline, limitedRows, rps, batch };
root.SetAction(async (parsed, cancellationToken) =>
{
    var settings = new BenchmarkSettings(parsed.GetValue(rows), parsed.GetValue(baseline), parsed.GetValue(limitedRows),
        parsed.GetValue(rps), parsed.GetValue(batch), parsed.GetValue(json), "dotnet run -c Release --project src/CampaignSync.Benchmark -- " + string.Join(' ', args));
    if (settings.Rows < 1 || settings.BaselineRows < 1 || settings.RateLimitedRows < 1 || settings.RequestsPerSecond < 1 || settings.RateLimitedBatchSize is < 1 or > 10_000)
    {
        await Console.Error.WriteLineAsync("Every count must be at least 1, and --rate-limited-batch at most 10,000.");
        return 2;
    }

    var result = await BenchmarkRunner.RunAsync(settings, cancellationToken);
    Console.WriteLine();
    Console.WriteLine(ResultTable.Render(result));
    Console.WriteLine();
    Console.WriteLine($"Machine: {result.Machine.Cores} cores, {result.Machine.MemoryMegabytes:N0} MB, {result.Machine.CpuModel}");
    if (settings.JsonPath is { } path)
    {
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(result, BenchmarkJsonContext.Default.BenchmarkResult) + "\n", cancellationToken);
        Console.WriteLine($"Figures written to {path}");
    }

    return 0;
});
return await root.Parse(args).InvokeAsync();
