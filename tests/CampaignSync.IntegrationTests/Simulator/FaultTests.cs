using System.Diagnostics;
using System.Net;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class FaultTests
{
    private const string Crlf = SimulatorClient.Crlf;
    private const string Email = """{"attribute-name":"email","val":"a@x"}""";

    [Fact]
    public async Task Server_error_rate_answers_500_without_applying_anything()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.Zero, ServerErrorRate = 1 });

        var (syncStatus, syncBody) = await sim.UpsertAsync("k1", Email);
        var (asyncStatus, asyncBody) = await sim.SubmitAsync($"key,email{Crlf}k2,b@x{Crlf}");
        sim.Host.Options.ServerErrorRate = 0;
        var (afterStatus, _) = await sim.UpsertAsync("k3", Email);

        Assert.Equal(HttpStatusCode.InternalServerError, syncStatus);
        Assert.Equal("500", syncBody["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.InternalServerError, asyncStatus);
        Assert.Null(asyncBody["request-id"]);
        Assert.Equal(HttpStatusCode.OK, afterStatus);
        var profile = Assert.Single(await sim.GetProfilesAsync());
        Assert.Equal("k3", profile!["key"]!.GetValue<string>());
        Assert.Equal(0, (await sim.GetStatsAsync())["async_requests_accepted"]!.GetValue<long>());
    }

    [Fact]
    public async Task Added_latency_delays_real_api_calls()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { AddedLatency = TimeSpan.FromMilliseconds(300) });
        await sim.GetStatsAsync();

        var clock = Stopwatch.StartNew();
        var (status, _) = await sim.GetAsync("/campaignapi/metadata/v3/profile");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"Answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task Key_failure_rule_fails_a_sync_upsert_with_its_code()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions
        {
            KeyFailureRules = [new KeyFailureRule("^bad-", "7031", "Profile id and name do not match")],
        });

        var (status, body) = await sim.UpsertAsync("bad-1", Email);
        var (_, good) = await sim.UpsertAsync("good-1", Email);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("7031", body["code"]!.GetValue<string>());
        Assert.Equal(1, good["update-count"]!.GetValue<long>());
        Assert.Null(await sim.FindAsync("bad-1"));
    }

    [Fact]
    public async Task Malformed_error_file_has_unparseable_lines_and_an_out_of_range_index()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions
        {
            ProcessingDelay = TimeSpan.Zero,
            ErrorFileFault = ErrorFileFault.Malformed,
            KeyFailureRules = [new KeyFailureRule("^bad$", "2001", "Failed")],
        });

        var done = await sim.WaitForDoneAsync(await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}ok,a@x{Crlf}bad,b@x{Crlf}"));
        var lines = (await sim.GetTextAsync(done["error-file"]!.GetValue<string>())).Split(Crlf, StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Code,Description,Index", lines[0]);
        Assert.Equal("2001,\"Failed\",2", lines[1]);
        Assert.Contains(lines, line => line.Split(',').Length != 3);
        Assert.Contains(lines, line => line.Split(',') is [_, _, var index] && int.TryParse(index, out var i) && i > 2);
    }

    [Fact]
    public async Task Truncated_error_file_ends_mid_line()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions
        {
            ProcessingDelay = TimeSpan.Zero,
            ErrorFileFault = ErrorFileFault.Truncated,
            KeyFailureRules = [new KeyFailureRule("^bad", "2001", "A long enough description")],
        });

        var done = await sim.WaitForDoneAsync(await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}bad1,a@x{Crlf}bad2,b@x{Crlf}"));
        var text = await sim.GetTextAsync(done["error-file"]!.GetValue<string>());
        var complete = $"Code,Description,Index{Crlf}2001,\"A long enough description\",1{Crlf}2001,\"A long enough description\",2{Crlf}";

        Assert.False(text.EndsWith(Crlf, StringComparison.Ordinal));
        Assert.StartsWith(text, complete, StringComparison.Ordinal);
        Assert.True(text.Length > complete.IndexOf("2001,\"A long enough description\",2", StringComparison.Ordinal));
        Assert.True(text.Length < complete.Length - Crlf.Length);
    }

    [Fact]
    public async Task Never_complete_answers_1010_while_still_applying_records()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.Zero, NeverComplete = true });

        var requestId = await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k1,a@x{Crlf}");
        await sim.WaitForProfilesAsync("contacts", profiles => profiles.Count == 1);
        var (_, stillPending) = await sim.GetAsync($"/campaignapi/resources/v3/profilequerystatus/{requestId}");
        sim.Host.Options.NeverComplete = false;
        var done = await sim.WaitForDoneAsync(requestId);

        Assert.Equal("1010", stillPending["code"]!.GetValue<string>());
        Assert.Equal(1, done["update-count"]!.GetValue<long>());
    }
}
