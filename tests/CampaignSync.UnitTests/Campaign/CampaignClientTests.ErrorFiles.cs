using System.Net;
using System.Text;
using CampaignSync.Campaign;

namespace CampaignSync.UnitTests.Campaign;

public sealed partial class CampaignClientTests
{
    [Fact]
    public async Task Error_file_path_is_fetched_relative_to_the_base_url_with_the_key()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n");

        await using var stream = await harness.Client.OpenErrorFileAsync("/files/r-1.csv", Token);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(Token);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal($"{CampaignClientHarness.BaseUrl}/files/r-1.csv", request.Uri.ToString());
        Assert.Equal($"Bearer {CampaignClientHarness.PrimaryKey}", request.Authorization);
        Assert.Equal("Code,Description,Index\r\n", text);
    }

    [Fact]
    public async Task Error_file_absolute_url_on_the_api_origin_gets_the_key()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n");

        await using var stream = await harness.Client.OpenErrorFileAsync($"{CampaignClientHarness.BaseUrl}/x/errors.csv", Token);

        Assert.Equal($"Bearer {CampaignClientHarness.PrimaryKey}", Assert.Single(harness.Handler.Requests).Authorization);
    }

    [Fact]
    public async Task Error_file_on_an_allowed_storage_origin_does_not_get_the_key()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:ErrorFileOrigins:0"] = "https://files.example.test" });
        harness.Handler.AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n");

        await using var stream = await harness.Client.OpenErrorFileAsync("https://files.example.test/errors.csv?sig=abc", Token);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal("https://files.example.test/errors.csv?sig=abc", request.Uri.ToString());
        Assert.Null(request.Authorization);
    }

    [Theory]
    [InlineData("https://files.example.test/errors.csv?sig=abc")] // another origin, not allowed
    [InlineData("http://tenant.example.test/tenant-a/errors.csv")] // http under an https base
    [InlineData("https://tenant.example.test/tenant-b/errors.csv")] // the base's host outside its path prefix
    [InlineData("https://tenant.example.test/tenant-a/../tenant-b/errors.csv")] // ... reached through dot segments
    [InlineData("https://tenant.example.test:8443/tenant-a/errors.csv")] // another port
    [InlineData("https://someone@tenant.example.test/tenant-a/errors.csv")] // user information
    [InlineData("file:///etc/passwd")]
    public async Task Error_file_outside_the_base_url_and_the_allowed_origins_is_refused_before_any_request(string url)
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:BaseUrl"] = "https://tenant.example.test/tenant-a" });
        harness.Handler.AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n");

        var error = await Record.ExceptionAsync(() => harness.Client.OpenErrorFileAsync(url, Token));

        Assert.Empty(harness.Handler.Requests);
        Assert.IsType<ErrorFileRejectedException>(error);
        Assert.DoesNotContain("sig=abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_file_under_the_base_url_path_prefix_gets_the_key()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:BaseUrl"] = "https://tenant.example.test/tenant-a/" });
        harness.Handler.AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n");

        await using var stream = await harness.Client.OpenErrorFileAsync("https://tenant.example.test/tenant-a/files/errors.csv", Token);

        Assert.Equal($"Bearer {CampaignClientHarness.PrimaryKey}", Assert.Single(harness.Handler.Requests).Authorization);
    }

    [Fact]
    public async Task Error_file_redirect_to_an_allowed_origin_is_followed_without_the_key()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:ErrorFileOrigins:0"] = "https://files.example.test" });
        harness.Handler.Answer((_, _) => Task.FromResult(Redirect("https://files.example.test/r-1.csv?sig=abc")))
            .AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n");

        await using var stream = await harness.Client.OpenErrorFileAsync("/files/r-1.csv", Token);

        Assert.Equal(
            [($"{CampaignClientHarness.BaseUrl}/files/r-1.csv", $"Bearer {CampaignClientHarness.PrimaryKey}"), ("https://files.example.test/r-1.csv?sig=abc", null)],
            harness.Handler.Requests.Select(r => (r.Uri.ToString(), r.Authorization)));
    }

    [Fact]
    public async Task Error_file_redirect_to_another_origin_is_not_followed()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.Answer((_, _) => Task.FromResult(Redirect("https://evil.example.test/steal?sig=abc")));

        var error = await Assert.ThrowsAsync<ErrorFileRejectedException>(() => harness.Client.OpenErrorFileAsync("/files/r-1.csv", Token));

        Assert.Single(harness.Handler.Requests);
        Assert.Contains("https://evil.example.test is neither", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sig=abc", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_file_redirect_loop_ends_after_three_hops()
    {
        using var harness = new CampaignClientHarness();
        for (var i = 0; i < 4; i++)
        {
            harness.Handler.Answer((_, _) => Task.FromResult(Redirect("/files/again.csv")));
        }

        var error = await Assert.ThrowsAsync<ErrorFileRejectedException>(() => harness.Client.OpenErrorFileAsync("/files/r-1.csv", Token));

        Assert.Equal(4, harness.Handler.Requests.Count);
        Assert.Contains("more than 3 redirects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_file_larger_than_the_byte_limit_stops_while_reading()
    {
        using var harness = new CampaignClientHarness(new() { ["Campaign:ErrorFileMaxBytes"] = "1024" });
        harness.Handler.AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n" + new string('x', 4096));

        await using var stream = await harness.Client.OpenErrorFileAsync("/files/r-1.csv", Token);
        var error = await Assert.ThrowsAsync<ErrorFileRejectedException>(() => stream.CopyToAsync(Stream.Null, Token));

        Assert.Contains("larger than 1024 bytes", error.Message, StringComparison.Ordinal);
    }

    private static HttpResponseMessage Redirect(string location) => new(HttpStatusCode.Found) { Headers = { Location = new Uri(location, UriKind.RelativeOrAbsolute) } };

    [Fact]
    public async Task Error_file_download_is_retried_after_a_server_fault()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerText(HttpStatusCode.ServiceUnavailable, "").AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n");

        await using var stream = await harness.Client.OpenErrorFileAsync("/files/r-1.csv", Token);

        Assert.Equal(2, harness.Handler.Requests.Count);
    }

    [Fact]
    public async Task Error_file_not_found_throws_with_the_status()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerText(HttpStatusCode.NotFound, "");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => harness.Client.OpenErrorFileAsync("/files/r-1.csv", Token));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
