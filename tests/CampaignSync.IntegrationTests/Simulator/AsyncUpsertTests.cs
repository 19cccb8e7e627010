using System.Net;
using System.Text.Json;
using CampaignSync.Simulator;

namespace CampaignSync.IntegrationTests.Simulator;

[Trait("Category", "Simulator")]
public sealed class AsyncUpsertTests
{
    private const string Crlf = SimulatorClient.Crlf;

    [Fact]
    public async Task Async_upsert_is_pending_then_done_after_processing_delay()
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.FromSeconds(5) });

        var (status, accepted) = await sim.SubmitAsync($"key,email{Crlf}k1,a@x{Crlf}k2,b@x{Crlf}");
        var requestId = accepted["request-id"]!.GetValue<string>();
        var (_, pending) = await sim.GetAsync($"/campaignapi/resources/v3/profilequerystatus/{requestId}");
        var done = await sim.WaitForDoneAsync(requestId);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.False(string.IsNullOrEmpty(accepted["transaction-id"]!.GetValue<string>()));
        Assert.Equal("1010", pending["code"]!.GetValue<string>());
        Assert.Equal(JsonValueKind.Number, done["update-count"]!.GetValueKind());
        Assert.Equal(2, done["update-count"]!.GetValue<long>());
        Assert.Null(done["error-file"]);
    }

    [Fact]
    public async Task Async_upsert_is_applied_even_if_nobody_polls()
    {
        await using var sim = await SimulatorClient.StartAsync();

        await sim.SubmitAndGetRequestIdAsync($"key,email,city{Crlf}k1,a@x,\"Paris, \"\"Left\"\" bank\"{Crlf}");

        var profiles = await sim.WaitForProfilesAsync("contacts", p => p.Count == 1);
        Assert.Equal("Paris, \"Left\" bank", profiles[0]!["attributes"]!["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task Async_upserts_are_applied_in_acceptance_order()
    {
        await using var sim = await SimulatorClient.StartAsync();

        await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k1,first@x{Crlf}");
        var second = await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k1,second@x{Crlf}");
        await sim.WaitForDoneAsync(second);

        Assert.Equal("second@x", (await sim.FindAsync("k1"))!["email"]!.GetValue<string>());
    }

    [Fact]
    public async Task Async_upsert_reports_failed_record_in_error_file()
    {
        var options = new SimulatorOptions
        {
            ProcessingDelay = TimeSpan.Zero,
            KeyFailureRules = [new KeyFailureRule("^bad", "2001", "Bad \"key\", really")],
        };
        await using var sim = await SimulatorClient.StartAsync(options);

        var requestId = await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}ok1,a@x{Crlf}bad1,b@x{Crlf}ok2,c@x{Crlf}");
        var done = await sim.WaitForDoneAsync(requestId);
        var errorFile = done["error-file"]!.GetValue<string>();

        Assert.Equal(2, done["update-count"]!.GetValue<long>());
        Assert.StartsWith("/", errorFile, StringComparison.Ordinal);
        Assert.Equal($"Code,Description,Index{Crlf}2001,\"Bad \"\"key\"\", really\",2{Crlf}", await sim.GetTextAsync(errorFile));
        Assert.Null(await sim.FindAsync("bad1"));
    }

    [Fact]
    public async Task Async_upsert_reports_short_line_and_empty_key_as_1001_lines()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var requestId = await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k1{Crlf},a@x{Crlf}k3,c@x");
        var done = await sim.WaitForDoneAsync(requestId);
        var lines = (await sim.GetTextAsync(done["error-file"]!.GetValue<string>())).Split(Crlf);

        Assert.Equal(1, done["update-count"]!.GetValue<long>());
        Assert.StartsWith("1001,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",1", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",2", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_file_needs_the_same_authorization()
    {
        var options = new SimulatorOptions { ProcessingDelay = TimeSpan.Zero, KeyFailureRules = [new KeyFailureRule(".", "2001", "x")] };
        await using var sim = await SimulatorClient.StartAsync(options);
        var done = await sim.WaitForDoneAsync(await sim.SubmitAndGetRequestIdAsync($"key,email{Crlf}k1,a@x{Crlf}"));
        await using var anonymous = new SimulatorClient(sim.Host, apiKey: "");

        var (status, body) = await anonymous.GetAsync(done["error-file"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("430", body["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("key,email\nk1,a@x\n")]
    [InlineData("key,shoe-size\r\nk1,42\r\n")]
    [InlineData("email,key\r\na@x,k1\r\n")]
    [InlineData("key,email\r\n")]
    [InlineData("key,email\r\nk1,\"a@x\r\n")]
    [InlineData("key,email\r\nk1,a\"b\r\n")]
    [InlineData("key,email\r\nk1,a\0b\r\n")]
    [InlineData("key,email\r\nk1,0123456789abcdef\r\n")]
    public async Task Async_upsert_with_invalid_file_fails_whole_request_with_1001(string csv)
    {
        await using var sim = await SimulatorClient.StartAsync(new SimulatorOptions { ProcessingDelay = TimeSpan.Zero, MaxValueLength = 10 });

        var (status, body) = await sim.SubmitAsync(csv);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1001", body["code"]!.GetValue<string>());
        Assert.Null(body["request-id"]);
        Assert.Empty(await sim.GetProfilesAsync());
    }

    [Fact]
    public async Task Status_of_unknown_request_answers_1010()
    {
        await using var sim = await SimulatorClient.StartAsync();

        var (status, body) = await sim.GetAsync("/campaignapi/resources/v3/profilequerystatus/no-such-request");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1010", body["code"]!.GetValue<string>());
    }
}
