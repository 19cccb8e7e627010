using CampaignSync.Database;
using CampaignSync.Polling;
using Dapper;
using Npgsql;

namespace CampaignSync.Benchmark;

/// <summary>Resets, loads and inspects the benchmark database. The only caller of <see cref="BenchmarkSql"/>.</summary>
internal sealed class BenchmarkStore(NpgsqlDataSource dataSource)
{
    /// <summary>Loads <paramref name="rows"/> upserts of new contacts in the bulk lane (a backfill).</summary>
    public async Task ResetAndLoadBulkAsync(int rows, CancellationToken cancellationToken)
    {
        await ResetAndLoadAsync(rows, upsertsOnly: true, cancellationToken);
        await ExecuteAsync(BenchmarkSql.MakeBulk, null, cancellationToken);
        await ExecuteAsync(BenchmarkSql.Analyze, null, cancellationToken);
    }

    public Task<int> InsertLiveAsync(int rows, CancellationToken cancellationToken) =>
        ExecuteAsync(BenchmarkSql.InsertLive, new { profile = BenchmarkWorkload.Profile, rows }, cancellationToken);

    public async Task<LiveLatency> LiveLatencyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<LiveLatency>(new CommandDefinition(BenchmarkSql.LiveLatency, cancellationToken: cancellationToken));
    }

    /// <summary>Empties the tables, loads <paramref name="rows"/> fresh rows with COPY and refreshes the planner's statistics.</summary>
    public async Task ResetAndLoadAsync(int rows, bool upsertsOnly, CancellationToken cancellationToken)
    {
        await ExecuteAsync(BenchmarkSql.Reset, null, cancellationToken);
        // The worker never creates Hangfire's schema (migrate does): put back the one the reset dropped.
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            HangfireSchemaInstaller.Install(connection, PollingOptions.DefaultHangfireSchema);
        }

        await OutboxLoader.LoadAsync(dataSource, rows, upsertsOnly, cancellationToken);
        await ExecuteAsync(BenchmarkSql.Analyze, null, cancellationToken);
    }

    public async Task<PostgresCpu> PostgresCpuAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await PostgresCpu.OfServerAsync(connection, cancellationToken);
    }

    public Task<long> CountOpenAsync(CancellationToken cancellationToken) => ScalarAsync<long>(BenchmarkSql.CountOpen, cancellationToken);

    public async Task<bool> AnyOpenAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(BenchmarkSql.FirstOpen, cancellationToken: cancellationToken)) is not null;
    }

    public async Task<IReadOnlyDictionary<string, long>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StateCount>(new CommandDefinition(BenchmarkSql.CountByState, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Name, r => r.Count);
    }

    public Task<DateTime> DatabaseNowAsync(CancellationToken cancellationToken) => ScalarAsync<DateTime>(BenchmarkSql.DatabaseNow, cancellationToken);

    public Task<DateTime> LastCompletedAtAsync(CancellationToken cancellationToken) => ScalarAsync<DateTime>(BenchmarkSql.LastCompletedAt, cancellationToken);

    public Task<DateTime> FirstBatchCreatedAtAsync(CancellationToken cancellationToken) =>
        ScalarAsync<DateTime>(BenchmarkSql.FirstBatchCreatedAt, cancellationToken);

    public async Task<IReadOnlyList<long>> PendingIdsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<long>(new CommandDefinition(BenchmarkSql.PendingIds, cancellationToken: cancellationToken))).ToList();
    }

    public Task SucceedClaimedAsync(long[] ids, long fence, CancellationToken cancellationToken) =>
        ExecuteAsync(BenchmarkSql.SucceedClaimed, new { ids, fence }, cancellationToken);

    public async Task<UpsertBatchFacts> UpsertBatchFactsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<UpsertBatchFacts>(new CommandDefinition(BenchmarkSql.UpsertBatchFacts, cancellationToken: cancellationToken));
    }

    public async Task<BaselineRow?> LoadRowAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<BaselineRow>(new CommandDefinition(BenchmarkSql.LoadRow, new { id }, cancellationToken: cancellationToken));
    }

    public Task<int> FinishRowAsync(long id, string state, string? code, string? description, CancellationToken cancellationToken) =>
        ExecuteAsync(BenchmarkSql.FinishRow, new { id, state, code, description }, cancellationToken);

    private async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken)))!;
    }

    private async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, commandTimeout: 0, cancellationToken: cancellationToken));
    }
}
