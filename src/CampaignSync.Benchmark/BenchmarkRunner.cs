using System.Diagnostics.Metrics;
using System.Globalization;
using CampaignSync.Database;
using CampaignSync.DevHost.Demo;
using CampaignSync.Diagnostics;
using CampaignSync.Outbox;
using CampaignSync.Simulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CampaignSync.Benchmark;

/// <summary>
/// One run, one database, one simulator: the Postgres-only limit, the worker end to end, the one-job-per-record
/// baseline and the rate-limited drain, each on freshly loaded rows. Uses <c>ConnectionStrings__Postgres</c> when
/// set (its CampaignSync tables are emptied: give it a throwaway database), else a private cluster.
/// </summary>
internal static class BenchmarkRunner
{
    public static async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var (connectionString, cluster) = await DatabaseBootstrap.ResolveAsync(configuration, NullLogger.Instance, cancellationToken);
        await using (cluster)
        {
            return await RunAsync(settings, connectionString, cancellationToken);
        }
    }

    /// <summary>Runs every part against <paramref name="connectionString"/> (migrated first; its CampaignSync tables are emptied).</summary>
    public static async Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, string connectionString, CancellationToken cancellationToken)
    {
        await Task.Run(() => SchemaMigrator.Migrate(connectionString, NullLogger.Instance), cancellationToken);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var store = new BenchmarkStore(dataSource);
        await using var simulator = await SimulatorHost.StartAsync(BenchmarkWorkload.SimulatorOptions(), cancellationToken: cancellationToken);
        using var http = new HttpClient { BaseAddress = simulator.BaseAddress };
        var drain = new WorkerDrain(store, http, connectionString);

        Say($"Postgres-only limit: loading {settings.Rows:N0} rows");
        await store.ResetAndLoadAsync(settings.Rows, upsertsOnly: false, cancellationToken);
        var (limitRows, limitElapsed) = await new PostgresLimitProbe(new OutboxStore(dataSource, new CampaignSyncMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()), Options.Create(new OutboxOptions())), store)
            .DrainAsync(new OutboxOptions().ClaimSize, cancellationToken);

        Say($"Physical limit (server-side procedure, {PhysicalLimitProbe.RoundSize:N0} rows a round): loading {settings.Rows:N0} rows");
        await store.ResetAndLoadAsync(settings.Rows, upsertsOnly: false, cancellationToken);
        var (physicalRows, physicalElapsed, physicalCpu) = await PhysicalLimitProbe.RunAsync(dataSource, cancellationToken);

        Say($"Worker end to end: loading {settings.Rows:N0} rows");
        await store.ResetAndLoadAsync(settings.Rows, upsertsOnly: false, cancellationToken);
        var worker = await drain.RunAsync(new Dictionary<string, string>(), settings.DrainTimeout, cancellationToken);
        var finalStates = await store.CountByStateAsync(cancellationToken);

        Say($"One Hangfire job per record: loading {settings.BaselineRows:N0} rows");
        await store.ResetAndLoadAsync(settings.BaselineRows, upsertsOnly: false, cancellationToken);
        await SimulatorCounts.ResetAsync(http, cancellationToken);
        var baselineElapsed = await OneJobPerRecordBaseline.RunAsync(connectionString, simulator.BaseAddress, simulator.Options.ApiKey,
            store, settings.DrainTimeout, cancellationToken);

        Say($"Rate-limited ({settings.RequestsPerSecond} requests/s, {settings.RateLimitedBatchSize} records a request): loading {settings.RateLimitedRows:N0} upserts");
        await store.ResetAndLoadAsync(settings.RateLimitedRows, upsertsOnly: true, cancellationToken);
        simulator.Options.RequestsPerSecond = settings.RequestsPerSecond;
        var limited = await drain.RunAsync(new Dictionary<string, string>
        {
            ["Campaign:RequestsPerSecond"] = settings.RequestsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Batching:MaxRecords"] = settings.RateLimitedBatchSize.ToString(CultureInfo.InvariantCulture),
        }, settings.DrainTimeout, cancellationToken);

        // Live rows written while a backfill of the same size drains at the same rate limit (issue 18).
        Say($"Live rows during a bulk drain: loading {settings.RateLimitedRows:N0} bulk upserts, {LiveRows} live rows after {LiveRowsAfter.TotalSeconds:N0} s");
        await store.ResetAndLoadBulkAsync(settings.RateLimitedRows, cancellationToken);
        using var liveWriter = new CancellationTokenSource();
        var writeLive = Task.Run(async () =>
        {
            await Task.Delay(LiveRowsAfter, liveWriter.Token);
            await store.InsertLiveAsync(LiveRows, liveWriter.Token);
        }, liveWriter.Token);
        await drain.RunAsync(new Dictionary<string, string>
        {
            ["Campaign:RequestsPerSecond"] = settings.RequestsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Batching:MaxRecords"] = settings.RateLimitedBatchSize.ToString(CultureInfo.InvariantCulture),
        }, settings.DrainTimeout, cancellationToken);
        await writeLive;
        var live = await store.LiveLatencyAsync(cancellationToken);
        simulator.Options.RequestsPerSecond = 0;
        var rateLimited = RateLimitedFigures.From(limited.Samples);
        var callsNeeded = RateLimitedFigures.CallsNeededPerRequest(limited.Final);
        var limitAllows = settings.RequestsPerSecond * (double)settings.RateLimitedBatchSize / callsNeeded;

        return new BenchmarkResult
        {
            Rows = settings.Rows,
            PostgresLimitRps = limitRows / limitElapsed.TotalSeconds,
            PostgresLimitSeconds = limitElapsed.TotalSeconds,
            PhysicalLimitRps = physicalRows / physicalElapsed.TotalSeconds,
            PhysicalLimitPostgresCpuMicrosecondsPerRow = physicalCpu.TotalMicroseconds / physicalRows,
            WorkerCpuMicrosecondsPerRow = worker.WorkerCpu.TotalMicroseconds / settings.Rows,
            WorkerPostgresCpuMicrosecondsPerRow = worker.PostgresCpu.TotalMicroseconds / settings.Rows,
            SimulatorCpuMicrosecondsPerRow = worker.BenchmarkCpu.TotalMicroseconds / settings.Rows,
            DrainMachineBusyShare = (worker.WorkerCpu + worker.PostgresCpu + worker.BenchmarkCpu) / (worker.Elapsed * Environment.ProcessorCount),
            WorkerStartupSeconds = worker.StartUp.TotalSeconds,
            WorkerRps = settings.Rows / worker.Elapsed.TotalSeconds,
            WorkerSeconds = worker.Elapsed.TotalSeconds,
            WorkerFinalStates = finalStates,
            BaselineRps = settings.BaselineRows / baselineElapsed.TotalSeconds,
            BaselineRows = settings.BaselineRows,
            BaselineSeconds = baselineElapsed.TotalSeconds,
            PeakRssMegabytes = worker.PeakRssMegabytes,
            ApiCalls = worker.Final.Calls,
            RequestsPerRecord = (double)worker.Final.Calls / settings.Rows,
            PollsPerRequest = worker.Final.AsyncAccepted > 0 ? (double)worker.Final.StatusPolls / worker.Final.AsyncAccepted : 0,
            UpsertRequests = worker.Batches.Requests,
            RecordsPerUpsertRequest = worker.Batches.AverageRecords,
            RateLimitedRows = settings.RateLimitedRows,
            RateLimitRps = settings.RequestsPerSecond,
            RateLimitedBatchSize = settings.RateLimitedBatchSize,
            RateLimitedRecordsPerSecond = rateLimited.RecordsPerSecond,
            RateLimitedCallsPerSecond = rateLimited.CallsPerSecond,
            RateLimitedCallsNeededPerRequest = callsNeeded,
            RateLimitedAllowedRecordsPerSecond = limitAllows,
            RateLimitedShare = rateLimited.RecordsPerSecond / limitAllows,
            RateLimitedShareOfSubmitsOnly = rateLimited.RecordsPerSecond / (settings.RequestsPerSecond * (double)settings.RateLimitedBatchSize),
            ThrottledAfterWarmup = rateLimited.ThrottledAfterWarmup,
            RateLimitedBatchFill = limited.Batches.AverageRecords / settings.RateLimitedBatchSize,
            RateLimitedPollsPerRequest = limited.Final.AsyncAccepted > 0 ? (double)limited.Final.StatusPolls / limited.Final.AsyncAccepted : 0,
            LiveRows = LiveRows,
            LiveLatencyMedianSeconds = live.Median,
            LiveLatencySlowestSeconds = live.Slowest,
            BulkRowsFinishedAfterLive = live.BulkFinishedAfter,
            Machine = MachineInfo.Read(),
            Command = settings.Command,
            MeasuredAt = TimeProvider.System.GetUtcNow(),
        };
    }

    private const int LiveRows = 100;
    private static readonly TimeSpan LiveRowsAfter = TimeSpan.FromSeconds(5);

    private static void Say(FormattableString message) => Console.WriteLine("== " + message.ToString(CultureInfo.InvariantCulture));
}
