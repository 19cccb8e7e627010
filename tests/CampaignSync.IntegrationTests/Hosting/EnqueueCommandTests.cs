using CampaignSync.Cli;
using CampaignSync.Operations;
using CampaignSync.IntegrationTests.Infrastructure;
using CampaignSync.Outbox;
using Dapper;
using Npgsql;

namespace CampaignSync.IntegrationTests.Hosting;

/// <summary><c>enqueue --csv</c> against a real database: COPY of valid files, every bad line reported, no partial loads.</summary>
[Trait("Category", "Operations")]
public sealed class EnqueueCommandTests(PostgresFixture server) : IDisposable
{
    private const string Header = "profile_name,profile_key,operation,attributes,upsert_mode,update_link,exparams,source";
    private readonly string _folder = Directory.CreateTempSubdirectory("campaignsync-enqueue-").FullName;

    [Fact]
    public async Task Enqueue_of_a_valid_file_loads_every_line_into_the_contract_columns()
    {
        await using var dataSource = await NewDatabaseAsync();
        var path = Write(Header,
            "contacts,k-1,upsert,\"{\"\"email\"\":\"\"one@example.com\"\",\"\"city\"\":\"\"Oslo, Norway\"\"}\",0,3,\"[\"\"run-7\"\"]\",crm",
            "contacts,k-2,delete,,,,,");
        using var output = new StringWriter();

        var exit = await RunAsync(dataSource, path, skipInvalid: false, output);

        Assert.Equal(CliConsole.ExitOk, exit);
        Assert.Contains("Loaded 2 rows", output.ToString(), StringComparison.Ordinal);
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        var rows = (await connection.QueryAsync<(string Key, string Operation, string Attributes, short UpsertMode, short UpdateLink, string[] Exparams, string Source, string State)>(
            "select profile_key, operation, attributes::text, upsert_mode, update_link, exparams, source, state from campaign_sync.outbox order by id")).ToList();
        Assert.Equal(("k-1", "upsert", (short)0, (short)3, "crm", "pending"), (rows[0].Key, rows[0].Operation, rows[0].UpsertMode, rows[0].UpdateLink, rows[0].Source, rows[0].State));
        Assert.Equal("""{"city": "Oslo, Norway", "email": "one@example.com"}""", rows[0].Attributes);
        Assert.Equal(["run-7"], rows[0].Exparams);
        Assert.Equal(("k-2", "delete", (short)1, (short)2, EnqueueCommand.DefaultSource), (rows[1].Key, rows[1].Operation, rows[1].UpsertMode, rows[1].UpdateLink, rows[1].Source));
    }

    [Fact]
    public async Task Enqueue_in_the_bulk_lane_marks_every_row_bulk()
    {
        await using var dataSource = await NewDatabaseAsync();
        var path = Write(Header, "contacts,k-1,upsert,\"{\"\"city\"\":\"\"Oslo\"\"}\",,,,", "contacts,k-2,delete,,,,,");
        using var output = new StringWriter();

        var exit = await RunAsync(dataSource, path, skipInvalid: false, output, OutboxLane.Bulk);

        Assert.Equal(CliConsole.ExitOk, exit);
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        Assert.Equal([OutboxLane.Bulk, OutboxLane.Bulk], await connection.QueryAsync<string>("select lane from campaign_sync.outbox order by id"));
    }

    [Fact]
    public async Task Enqueue_of_a_file_with_bad_lines_reports_each_with_its_reason_and_loads_nothing()
    {
        await using var dataSource = await NewDatabaseAsync();
        var path = Write(Header,
            "contacts,k-1,upsert,\"{\"\"email\"\":\"\"good@example.com\"\"}\",,,,",
            "contacts,k-2,upsurt,\"{\"\"email\"\":\"\"secret@example.com\"\"}\",,,,",
            "contacts,,upsert,\"{\"\"a\"\":\"\"1\"\"}\",,,,",
            "contacts,k-4,upsert,not-json,,,,",
            "contacts,k-5,upsert,\"{\"\"a\"\":\"\"1\"\"}\",7,,,",
            "contacts,k-6,upsert,\"{\"\"a\"\":{\"\"nested\"\":1}}\",,,,",
            "contacts,k-7,upsert");
        using var output = new StringWriter();

        var exit = await RunAsync(dataSource, path, skipInvalid: false, output);

        var report = output.ToString();
        Assert.Equal(CliConsole.ExitFailed, exit);
        Assert.Contains("line 3: operation must be 'upsert' or 'delete'", report, StringComparison.Ordinal);
        Assert.Contains("line 4: profile_name and profile_key must not be empty", report, StringComparison.Ordinal);
        Assert.Contains("line 5: attributes must be a JSON object", report, StringComparison.Ordinal);
        Assert.Contains("line 6: upsert_mode must be 0, 1 or 2", report, StringComparison.Ordinal);
        Assert.Contains("line 7: attribute 'a' must be a string, number, boolean or null", report, StringComparison.Ordinal);
        Assert.Contains("line 8: has 3 fields; the header has 8", report, StringComparison.Ordinal);
        Assert.Contains("Rejected 6 lines; nothing was loaded (1 lines were valid", report, StringComparison.Ordinal);
        Assert.DoesNotContain("secret@example.com", report, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(dataSource));
    }

    [Fact]
    public async Task Enqueue_with_skip_invalid_loads_the_valid_lines_and_still_reports_the_rest()
    {
        await using var dataSource = await NewDatabaseAsync();
        var path = Write("profile_name,profile_key,operation,attributes",
            "contacts,k-1,upsert,\"{\"\"a\"\":\"\"1\"\"}\"",
            "contacts,k-2,merge,\"{\"\"a\"\":\"\"1\"\"}\"",
            "contacts,k-3,delete,");
        using var output = new StringWriter();

        var exit = await RunAsync(dataSource, path, skipInvalid: true, output);

        Assert.Equal(CliConsole.ExitFailed, exit);
        Assert.Contains("line 3: operation must be", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("Loaded 2 rows; skipped 1 rejected lines.", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await CountAsync(dataSource));
    }

    [Fact]
    public async Task Enqueue_of_a_file_whose_header_names_an_unknown_column_loads_nothing()
    {
        await using var dataSource = await NewDatabaseAsync();
        var path = Write("profile_name,profile_key,operation,colour", "contacts,k-1,delete,red");
        using var output = new StringWriter();

        var exit = await RunAsync(dataSource, path, skipInvalid: true, output);

        Assert.Equal(CliConsole.ExitFailed, exit);
        Assert.Contains("line 1: the header must name distinct columns", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("unknown: colour", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(dataSource));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(params string[] lines)
    {
        var path = Path.Combine(_folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    private static Task<int> RunAsync(NpgsqlDataSource dataSource, string path, bool skipInvalid, TextWriter output, string lane = OutboxLane.Live) =>
        EnqueueCommand.RunAsync(new EnqueueStore(dataSource), path, EnqueueCommand.DefaultSource, lane, skipInvalid, output, TestContext.Current.CancellationToken);

    private async Task<NpgsqlDataSource> NewDatabaseAsync() =>
        NpgsqlDataSource.Create(await server.CreateDatabaseAsync(TestContext.Current.CancellationToken));

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync(TestContext.Current.CancellationToken);
        return await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync.outbox");
    }
}
