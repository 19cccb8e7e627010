using System.Net;
using System.Text;

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
    public async Task Error_file_absolute_url_on_another_origin_does_not_get_the_key()
    {
        using var harness = new CampaignClientHarness();
        harness.Handler.AnswerText(HttpStatusCode.OK, "Code,Description,Index\r\n");

        await using var stream = await harness.Client.OpenErrorFileAsync("https://files.example.test/errors.csv?sig=abc", Token);

        var request = Assert.Single(harness.Handler.Requests);
        Assert.Equal("https://files.example.test/errors.csv?sig=abc", request.Uri.ToString());
        Assert.Null(request.Authorization);
    }

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
