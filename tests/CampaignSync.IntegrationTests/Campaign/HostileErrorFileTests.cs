using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CampaignSync.IntegrationTests.EndToEnd;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Simulator;
using Dapper;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>
/// The worker against a Campaign that serves a hostile or broken error file (issue 15), over real HTTP: each download
/// ends within its limits, the batch ends completed with the reason recorded among its anomalies, the row gets a final
/// outcome, memory stays bounded and the key never leaves Campaign's origin.
/// </summary>
[Trait("Category", "Reliability")]
[Collection(HeavyRuns.Name)]
public sealed class HostileErrorFileTests(PostgresFixture server)
{
    private const string Key = "hostile-test-key";
    private const long MaxBytes = 8 * 1024 * 1024;
    // Worker and hostile server share this process: a stall of it delays the server's next byte as long as the
    // worker's timer, so the idle-read timeout stays well above the slow stream's 100 ms between bytes.
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(8);

    /// <summary>Far above every limit above plus a few polls, far below "until the request deadline" (30 min).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    // One database for the class (its tests run one after another, each on its own contact): every database leaves a
    // pool of Hangfire connections idle for minutes after its host stops, and seven of them pushed a full run over
    // the private cluster's max_connections.
    private static readonly SemaphoreSlim DatabaseGate = new(1, 1);
    private static string? database;

    [Fact]
    public async Task A_gzip_bomb_stops_at_the_byte_limit_after_decompression()
    {
        // 1 MiB of zeros compressed once (about 1 KiB) and sent 1,024 times as concatenated gzip members: 1 GiB inflated.
        var member = Gzip(new byte[1024 * 1024]);
        await using var campaign = await HostileCampaign.StartAsync(async (context, _) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.StartAsync(context.RequestAborted);
            for (var i = 0; i < 1024 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await HostileCampaign.WriteAsync(context, member);
            }
        });

        var (batch, allocated) = await RunOneRowAsync(campaign);

        // The compressed bomb (about 1 MiB) fits in socket buffers, so what was served says nothing; the reason says the
        // worker stopped after 8 MiB inflated, and the allocations that it never held the gibibyte.
        Assert.Contains("larger than 8388608 bytes", batch.Anomalies, StringComparison.Ordinal);
        Assert.True(allocated < 512L * 1024 * 1024, $"The run allocated {allocated:N0} bytes.");
    }

    [Fact]
    public async Task A_stream_that_stalls_ends_at_the_idle_read_timeout()
    {
        await using var campaign = await HostileCampaign.StartAsync(async (context, _) =>
        {
            await HostileCampaign.WriteAsync(context, Encoding.UTF8.GetBytes("Code,Description,Index\r\n"));
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });

        var (batch, _) = await RunOneRowAsync(campaign);

        Assert.Contains("sent nothing for", batch.Anomalies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_slow_stream_ends_at_the_total_timeout()
    {
        // A byte every 100 ms: the idle-read timeout (3 s) never fires, only the total one (8 s) can.
        await using var campaign = await HostileCampaign.StartAsync(async (context, _) =>
        {
            await HostileCampaign.WriteAsync(context, Encoding.UTF8.GetBytes("Code,Description,Index\r\n"));
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await HostileCampaign.WriteAsync(context, " "u8.ToArray());
                await Task.Delay(100, context.RequestAborted);
            }
        });

        var (batch, _) = await RunOneRowAsync(campaign);

        Assert.Contains("did not arrive whole within", batch.Anomalies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_2_GB_file_stops_at_the_byte_limit_with_memory_bounded()
    {
        // Generated as it is sent, never stored: 1 KiB blank lines (which the parser skips) up to 2 GiB.
        var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(new string(' ', 1022) + "\r\n", 64)));
        await using var campaign = await HostileCampaign.StartAsync(async (context, _) =>
        {
            await HostileCampaign.WriteAsync(context, Encoding.UTF8.GetBytes("Code,Description,Index\r\n"));
            for (long sent = 0; sent < 2L * 1024 * 1024 * 1024 && !context.RequestAborted.IsCancellationRequested; sent += block.Length)
            {
                await HostileCampaign.WriteAsync(context, block);
            }
        });

        var (batch, allocated) = await RunOneRowAsync(campaign);

        Assert.Contains("larger than 8388608 bytes", batch.Anomalies, StringComparison.Ordinal);
        // What the server got out before the worker hung up: the limit plus what socket buffers and Kestrel's pipe hold.
        Assert.True(campaign.BytesServed < MaxBytes + (32 * 1024 * 1024), $"{campaign.BytesServed:N0} bytes were served.");
        Assert.True(allocated < 512L * 1024 * 1024, $"The run allocated {allocated:N0} bytes.");
    }

    [Fact]
    public async Task An_error_file_on_another_host_is_refused_and_that_host_gets_nothing()
    {
        await using var storage = await HostileCampaign.StartStorageAsync();
        await using var campaign = await HostileCampaign.StartAsync((_, _) => Task.CompletedTask, new Uri(storage.BaseAddress, "/errors.csv").ToString());

        var (batch, _) = await RunOneRowAsync(campaign);

        Assert.Contains("refused", batch.Anomalies, StringComparison.Ordinal);
        Assert.Empty(storage.Received);
        AssertKeyStayedHome(campaign);
    }

    [Fact]
    public async Task An_error_file_on_an_allowed_storage_origin_is_read_without_the_key()
    {
        await using var storage = await HostileCampaign.StartStorageAsync();
        await using var campaign = await HostileCampaign.StartAsync((_, _) => Task.CompletedTask, new Uri(storage.BaseAddress, "/errors.csv").ToString());

        var (batch, _) = await RunOneRowAsync(campaign, new() { ["Campaign:ErrorFileOrigins:0"] = storage.BaseAddress.GetLeftPart(UriPartial.Authority) });

        Assert.Equal("[]", batch.Anomalies);
        var received = Assert.Single(storage.Received);
        Assert.Null(received.Authorization);
    }

    [Fact]
    public async Task A_redirect_to_another_host_is_not_followed()
    {
        await using var storage = await HostileCampaign.StartStorageAsync();
        await using var campaign = await HostileCampaign.StartAsync((context, _) =>
        {
            context.Response.Redirect(new Uri(storage.BaseAddress, "/stolen.csv").ToString());
            return Task.CompletedTask;
        });

        var (batch, _) = await RunOneRowAsync(campaign);

        Assert.Contains("refused", batch.Anomalies, StringComparison.Ordinal);
        Assert.Empty(storage.Received);
        AssertKeyStayedHome(campaign);
    }

    private static void AssertKeyStayedHome(HostileCampaign campaign) =>
        Assert.All(campaign.Received, r => Assert.Equal($"Bearer {Key}", r.Authorization));

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Writes one upsert, runs a worker against <paramref name="campaign"/> until the row is final (one attempt, so
    /// a record left unverified ends dead at once), and returns its batch and the bytes the process allocated meanwhile.
    /// </summary>
    private async Task<(BatchRow Batch, long Allocated)> RunOneRowAsync(HostileCampaign campaign, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Campaign:BaseUrl"] = campaign.BaseAddress.ToString(),
            ["Campaign:ApiKey"] = Key,
            ["Campaign:ErrorFileMaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Campaign:ErrorFileReadTimeout"] = ReadTimeout.ToString(),
            ["Campaign:ErrorFileTimeout"] = TotalTimeout.ToString(),
            ["Outbox:MaxAttempts"] = "1",
            ["Polling:WorkerCount"] = "2",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        await using var harness = await PipelineHarness.StartAsync(await DatabaseAsync(), new SimulatorOptions(), workers: 0);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        var id = await harness.UpsertAsync(Guid.NewGuid().ToString("N"), new { city = "Leeds" });
        await harness.StartWorkerAsync(settings);
        await WaitUntilFinalAsync(harness, id);
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"row final after {clock.Elapsed.TotalSeconds:0.0} s; {campaign.BytesServed:N0} bytes served by Campaign; {allocated:N0} bytes allocated in the process");

        var row = (await harness.RowsAsync()).Single(r => r.Id == id);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var batch = await connection.QuerySingleAsync<BatchRow>(
            "select state as State, code as Code, anomalies::text as Anomalies from campaign_sync.batch where id = @id", new { id = row.BatchId });
        Assert.Equal("completed", batch.State);
        Assert.Equal(("dead", "unverified"), (row.State, row.OutcomeCode));
        return (batch, allocated);
    }

    /// <summary>Waits, up to <see cref="Patience"/>, until row <paramref name="id"/> is final; fails naming its state and its batch's.</summary>
    private static async Task WaitUntilFinalAsync(PipelineHarness harness, long id)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Patience);
        await using var connection = await harness.DataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var states = ("unknown", (string?)null);
        try
        {
            while (true)
            {
                states = await connection.QuerySingleAsync<(string, string?)>(new CommandDefinition(
                    "select o.state, b.state from campaign_sync.outbox o left join campaign_sync.batch b on b.id = o.batch_id where o.id = @id",
                    new { id }, cancellationToken: deadline.Token));
                if (states.Item1 is not ("pending" or "in_flight"))
                {
                    return;
                }

                await Task.Delay(200, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Row {id} was still {states.Item1} after {Patience}, its batch {states.Item2 ?? "(none)"}.");
        }
    }

    private async Task<string> DatabaseAsync()
    {
        await DatabaseGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return database ??= await server.CreateDatabaseAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            DatabaseGate.Release();
        }
    }

    private sealed record BatchRow(string State, string? Code, string Anomalies);
}
