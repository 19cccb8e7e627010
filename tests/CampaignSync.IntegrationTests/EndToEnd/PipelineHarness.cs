using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.IntegrationTests.Hosting;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CampaignSync.IntegrationTests.EndToEnd;

/// <summary>
/// The real worker (one or more hosts, each with its Hangfire server) against a test database and the simulator over
/// real HTTP, with settings that make a test run in seconds. Tests write outbox rows with SQL, as any writer would.
/// Every host's logs go to the <see cref="SuiteLog"/> at Trace level (its other providers keep the configured level).
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    private readonly List<WebApplication> _workers = [];

    private PipelineHarness(string connectionString, SimulatorHost simulator)
    {
        ConnectionString = connectionString;
        Simulator = simulator;
        DataSource = NpgsqlDataSource.Create(connectionString);
        Http = new HttpClient { BaseAddress = simulator.BaseAddress };
    }

    /// <summary>The dashboard's operator password in every harness worker (they run outside Development).</summary>
    public const string OperatorPassword = "operator-password-for-tests";

    /// <summary>The dashboard's read-only viewer password in every harness worker.</summary>
    public const string ViewerPassword = "viewer-password-for-tests";

    public string ConnectionString { get; }

    public SimulatorHost Simulator { get; }

    public NpgsqlDataSource DataSource { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _workers[0].Services;

    /// <summary>The started worker hosts, in start order.</summary>
    public IReadOnlyList<WebApplication> Workers => _workers;

    public static async Task<PipelineHarness> StartAsync(string connectionString, SimulatorOptions simulatorOptions,
        int workers = 1, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var simulator = await StartSimulatorAsync(simulatorOptions);
        var harness = new PipelineHarness(connectionString, simulator);
        for (var i = 0; i < workers; i++)
        {
            await harness.StartWorkerAsync(settings);
        }

        return harness;
    }

    /// <summary>Starts a simulator whose logs (at Trace) go to the suite log, with its keys registered as secrets there.</summary>
    public static Task<SimulatorHost> StartSimulatorAsync(SimulatorOptions options)
    {
        SuiteLog.RegisterSecret(options.ApiKey);
        SuiteLog.RegisterSecret(options.SecondaryApiKey);
        return SimulatorHost.StartAsync(options, logging: logging => SuiteLog.AddTo(logging, "simulator"),
            cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Starts one more worker host; <paramref name="environmentName"/> defaults to Production (ASPNETCORE_ENVIRONMENT unset).</summary>
    /// <param name="configure">Changes the builder before the host is built (a test's logger provider).</param>
    public async Task<WebApplication> StartWorkerAsync(IReadOnlyDictionary<string, string?>? overrides = null, string? environmentName = null,
        Action<WebApplicationBuilder>? configure = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [DatabaseOptions.ConnectionStringKey] = ConnectionString,
            ["Database:MigrateOnStart"] = "false",
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Campaign:BaseUrl"] = Simulator.BaseAddress.ToString(),
            ["Campaign:ApiKey"] = Simulator.Options.ApiKey,
            ["Outbox:PollInterval"] = "00:00:00.500",
            ["Outbox:SweepInterval"] = "00:00:01",
            ["Outbox:RetryBaseDelay"] = "00:00:00.200",
            ["Outbox:RetryMaxDelay"] = "00:00:01",
            ["Batching:MaxRecords"] = "500",
            ["Polling:FirstPollDelay"] = "00:00:00.500",
            ["Polling:MaxPollDelay"] = "00:00:01",
            ["Polling:SchedulePollingInterval"] = "00:00:00.200",
            ["Polling:QueuePollInterval"] = "00:00:00.200",
            ["Dashboard:Mode"] = "Basic",
            ["Dashboard:OperatorUsername"] = "operator",
            ["Dashboard:OperatorPassword"] = OperatorPassword,
            ["Dashboard:ViewerUsername"] = "viewer",
            ["Dashboard:ViewerPassword"] = ViewerPassword,
        };
        KeyRingCertificate.AddTo(settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var builder = CampaignSyncHost.CreateBuilder(settings, environmentName);
        configure?.Invoke(builder);
        SuiteLog.RegisterSecrets(settings);
        SuiteLog.AddTo(builder.Logging, "worker host");
        var app = CampaignSyncHost.Build(builder);
        await app.StartAsync(TestContext.Current.CancellationToken);
        _workers.Add(app);
        return app;
    }

    /// <summary>How long a worker process may take to start.</summary>
    public static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A worker process (<c>run</c>) against the harness's database and simulator, with every setting that makes recovery after a
    /// kill quick: a 5 s lease, a 15 s request deadline, polls at most 1 s apart and taken for lost 2 s after that, and
    /// Hangfire locks that a killed process left behind freed after 5 s (at 1 minute, each kill stopped all polling).
    /// <paramref name="overrides"/> replace or add settings.
    /// </summary>
    public async Task<RunningWorker> StartWorkerProcessAsync(IReadOnlyDictionary<string, string>? overrides = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Postgres"] = ConnectionString,
            ["Database__MigrateOnStart"] = "false",
            ["Urls"] = "http://127.0.0.1:0",
            ["Campaign__BaseUrl"] = Simulator.BaseAddress.ToString(),
            ["Campaign__ApiKey"] = Simulator.Options.ApiKey,
            ["Campaign__AttemptTimeout"] = "00:00:05",
            ["Campaign__TotalTimeout"] = "00:00:14",
            ["Campaign__RetryBaseDelay"] = "00:00:00.100",
            ["Outbox__ClaimSize"] = "250",
            ["Outbox__LeaseDuration"] = "00:00:05",
            ["Outbox__PollInterval"] = "00:00:00.500",
            ["Outbox__SweepInterval"] = "00:00:01",
            ["Outbox__RetryBaseDelay"] = "00:00:00.200",
            ["Outbox__RetryMaxDelay"] = "00:00:01",
            ["Batching__MaxRecords"] = "100",
            ["Submission__RequestDeadline"] = "00:00:30",
            ["Polling__FirstPollDelay"] = "00:00:00.500",
            ["Polling__MaxPollDelay"] = "00:00:01",
            ["Polling__LostPollGrace"] = "00:00:02",
            ["Polling__DistributedLockTimeout"] = "00:00:05",
            ["Polling__SchedulePollingInterval"] = "00:00:00.200",
            ["Polling__QueuePollInterval"] = "00:00:00.200",
            ["Dashboard__Mode"] = "Basic",
            ["Dashboard__OperatorUsername"] = "operator",
            ["Dashboard__OperatorPassword"] = OperatorPassword,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var worker = WorkerProcess.Start(environment, "run");
        await worker.WaitUntilStartedAsync(StartPatience);
        return worker;
    }

    /// <summary>The HTTP address a started worker listens on (the dashboard, /metrics).</summary>
    public static Uri AddressOf(WebApplication worker) =>
        new(worker.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());

    public async Task StopWorkersAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.StopAsync(CancellationToken.None);
            await worker.DisposeAsync();
        }

        _workers.Clear();
    }

    public async Task<long> UpsertAsync(string key, object attributes, string profile = "contacts", short upsertMode = 1, short updateLink = 2)
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>(
            "select campaign_sync.enqueue_upsert(@profile, @key, @attributes::jsonb, @upsertMode, @updateLink)",
            new { profile, key, attributes = JsonSerializer.Serialize(attributes), upsertMode, updateLink });
    }

    public async Task<long> DeleteAsync(string key, string profile = "contacts")
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>("select campaign_sync.enqueue_delete(@profile, @key)", new { profile, key });
    }

    /// <summary>Writes random upserts and deletes over <paramref name="contacts"/> contacts, 1,000 rows a statement.</summary>
    public async Task InsertRandomChangesAsync(int rows, int contacts, int seed)
    {
        var random = new Random(seed);
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        for (var written = 0; written < rows; written += 1_000)
        {
            var chunk = Enumerable.Range(0, Math.Min(1_000, rows - written)).Select(_ => ReferenceFold.RandomChange(random, contacts)).ToList();
            await connection.ExecuteAsync(
                """
                insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
                select 'contacts', k, op, a::jsonb from unnest(@keys, @ops, @attrs) as r(k, op, a)
                """,
                new { keys = chunk.Select(r => r.Key).ToArray(), ops = chunk.Select(r => r.Op).ToArray(), attrs = chunk.Select(r => r.Json).ToArray() });
        }
    }

    /// <summary>Writes <paramref name="rows"/> upserts of as many contacts (<c>C-1</c>…) in one statement.</summary>
    public async Task InsertUpsertsAsync(int rows)
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        await connection.ExecuteAsync(
            """
            insert into campaign_sync.outbox (profile_name, profile_key, operation, attributes)
            select 'contacts', 'C-' || g, 'upsert', jsonb_build_object('email', 'c' || g || '@example.com')
            from generate_series(1, @rows) g
            """,
            new { rows });
    }

    /// <summary>
    /// Every outcome rows got, as (outbox_id, state, code): the history lines (retries, final outcomes an operator retry
    /// took back, the operator retries) and the final outcome each final row holds.
    /// </summary>
    public const string EveryOutcome = """
        select outbox_id, state, code from campaign_sync.outcome
        union all
        select id, state, outcome_code from campaign_sync.outbox where completed_at is not null
        """;

    /// <summary>
    /// Asserts every outbox row has exactly one final outcome: the row is in a final state with completed_at set, and
    /// the history holds no final state but those an operator retry took back (one per operator retry of the row).
    /// </summary>
    public async Task AssertOneFinalOutcomePerRowAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var wrong = (await connection.QueryAsync<string>(
            """
            select concat_ws(' ', 'row', o.id, o.state, 'completed_at', coalesce(o.completed_at::text, 'null'), 'history', h.lines)
            from campaign_sync.outbox o
            cross join lateral (
                select count(*) filter (where state <> 'retry') as finals, count(*) filter (where code = 'operator_retry') as operator_retries,
                       coalesce(string_agg(state || ':' || coalesce(code, ''), ',' order by id), '') as lines
                from campaign_sync.outcome where outbox_id = o.id) h
            where o.state not in ('succeeded', 'superseded', 'failed', 'dead') or o.completed_at is null
               or h.finals <> h.operator_retries
            order by o.id
            limit 20
            """)).ToList();
        Assert.True(wrong.Count == 0, "rows without exactly one final outcome: " + string.Join("; ", wrong));
    }

    /// <summary>
    /// Waits (bounded) until no outbox row is pending, claimed or in flight; on timeout the test fails with the rows and
    /// batches by state. <paramref name="check"/>, called on every round, may fail the test sooner (a worker died).
    /// </summary>
    public async Task WaitUntilAllFinalAsync(TimeSpan timeout, Action? check = null) =>
        await Eventually.UntilAsync("every outbox row to be final", async token =>
        {
            check?.Invoke();
            return await OpenRowsAsync(token);
        }, open => open == 0, timeout, _ => DescribeStatesAsync());

    /// <summary>Waits (bounded) until at least <paramref name="atLeast"/> rows are succeeded or superseded.</summary>
    public async Task WaitForFinalRowsAsync(long atLeast, TimeSpan timeout, Action? check = null) =>
        await Eventually.UntilAsync($"{atLeast} rows to be succeeded or superseded", async token =>
        {
            check?.Invoke();
            await using var connection = await DataSource.OpenConnectionAsync(token);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "select count(*) from campaign_sync.outbox where state in ('succeeded', 'superseded')", cancellationToken: token));
        }, final => final >= atLeast, timeout, _ => DescribeStatesAsync());

    /// <summary>Waits (bounded) until <paramref name="sql"/>, a query of one boolean, answers true; fails with the states.</summary>
    public async Task WaitUntilAsync(string what, string sql, TimeSpan timeout) =>
        await Eventually.UntilAsync(what, async token =>
        {
            await using var connection = await DataSource.OpenConnectionAsync(token);
            return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(sql, cancellationToken: token));
        }, holds => holds, timeout, _ => DescribeStatesAsync());

    /// <summary>Rows pending, claimed or in flight; -1 while the database does not answer (a test restarted it).</summary>
    public async Task<long> OpenRowsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync(cancellationToken);
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "select count(*) from campaign_sync.outbox where state in ('pending', 'in_flight')", cancellationToken: cancellationToken));
        }
        catch (NpgsqlException) when (!cancellationToken.IsCancellationRequested)
        {
            // The reliability tests restart Postgres under the harness; keep asking until the deadline.
            return -1;
        }
    }

    /// <summary>Outbox rows and batches counted by state, for failure messages.</summary>
    public async Task<string> DescribeStatesAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync(CancellationToken.None);
        var rows = await connection.QueryAsync<(string State, long Count)>("select state, count(*) from campaign_sync.outbox group by state order by state");
        var batches = await connection.QueryAsync<(string State, long Count)>("select state, count(*) from campaign_sync.batch group by state order by state");
        return $"Rows by state: {string.Join(", ", rows.Select(r => $"{r.State} {r.Count}"))}; batches by state: {string.Join(", ", batches.Select(b => $"{b.State} {b.Count}"))}.";
    }

    public async Task<IReadOnlyList<OutboxRow>> RowsAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var rows = await connection.QueryAsync<OutboxRow>(
            """
            select id as Id, profile_key as ProfileKey, operation as Operation, attributes::text as AttributesJson,
                   state as State, outcome_code as OutcomeCode, outcome_description as OutcomeDescription,
                   batch_id as BatchId, attempts as Attempts
            from campaign_sync.outbox order by id
            """);
        return rows.ToList();
    }

    /// <summary>The simulator's stored profiles of one profile name: key → attributes.</summary>
    public async Task<Dictionary<string, Dictionary<string, string>>> SimulatorProfilesAsync(string profile = "contacts")
    {
        var array = await Http.GetFromJsonAsync<JsonArray>($"/_sim/profiles/{profile}", TestContext.Current.CancellationToken);
        return array!.ToDictionary(
            p => p!["key"]!.GetValue<string>(),
            p => p!["attributes"]!.AsObject().ToDictionary(a => a.Key, a => a.Value?.GetValue<string>() ?? ""));
    }

    public async Task<long> SimulatorStatAsync(string name)
    {
        var stats = await Http.GetFromJsonAsync<JsonObject>("/_sim/stats", TestContext.Current.CancellationToken);
        return stats![name]!.GetValue<long>();
    }

    public async ValueTask DisposeAsync()
    {
        await StopWorkersAsync();
        await Simulator.DisposeAsync();
        await DataSource.DisposeAsync();
        Http.Dispose();
    }
}
