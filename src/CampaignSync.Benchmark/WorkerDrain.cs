using System.Diagnostics;
using CampaignSync.Database;

namespace CampaignSync.Benchmark;

/// <summary>
/// Starts the worker process on the loaded rows and waits until every row is final, sampling the simulator's counts
/// every quarter second. The elapsed time runs from just before the process starts (start-up included) to the commit
/// time of the last write-back, both read from the database's clock.
/// </summary>
internal sealed class WorkerDrain(BenchmarkStore store, HttpClient simulator, string connectionString)
{
    // One key ring for every drain of a run: they share the database, where the first drain's worker stores its keys,
    // which a later worker with another certificate could not decrypt (it logged an error for each and made a new key).
    private readonly (string Certificate, string PrivateKey) _keyRing = ThrowawayKeyRing.Create();

    public async Task<WorkerDrainResult> RunAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        await SimulatorCounts.ResetAsync(simulator, cancellationToken);
        var all = new Dictionary<string, string>
        {
            [DatabaseOptions.ConnectionStringKey] = connectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Campaign:BaseUrl"] = simulator.BaseAddress!.ToString(),
            ["Campaign:ApiKey"] = Simulator.SimulatorOptions.DefaultApiKey,
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            // Outside Development the worker refuses an anonymous dashboard; the benchmark never opens it.
            ["Dashboard:Mode"] = "Basic",
            ["Dashboard:OperatorUsername"] = "benchmark",
            ["Dashboard:OperatorPassword"] = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)),
            ["DataProtection:Certificate"] = _keyRing.Certificate,
            ["DataProtection:PrivateKey"] = _keyRing.PrivateKey,
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var samples = new List<DrainSample>();
        var postgres = await store.PostgresCpuAsync(cancellationToken);
        var postgresBefore = postgres.Read();
        var benchmarkBefore = Environment.CpuUsage.TotalTime;
        var started = await store.DatabaseNowAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        using var worker = WorkerProcess.Start(all);
        await DrainWatch.UntilNoneOpenAsync(store, clock, timeout, async () =>
        {
            if (worker.HasExited)
            {
                throw new InvalidOperationException("The worker process exited before every row was final.");
            }

            samples.Add(new DrainSample(clock.Elapsed, await SimulatorCounts.ReadAsync(simulator, cancellationToken)));
        }, cancellationToken);
        var peak = worker.PeakRssMegabytes();
        var workerCpu = worker.CpuTime();
        var postgresCpu = postgres.Read() - postgresBefore;
        var benchmarkCpu = Environment.CpuUsage.TotalTime - benchmarkBefore;
        samples.Add(new DrainSample(clock.Elapsed, await SimulatorCounts.ReadAsync(simulator, cancellationToken)));
        var elapsed = await store.LastCompletedAtAsync(cancellationToken) - started;
        var startUp = await store.FirstBatchCreatedAtAsync(cancellationToken) - started;
        return new WorkerDrainResult(elapsed, peak, samples, await store.UpsertBatchFactsAsync(cancellationToken), workerCpu, postgresCpu,
            benchmarkCpu, startUp);
    }
}
