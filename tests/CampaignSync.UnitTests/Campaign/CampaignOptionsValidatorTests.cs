using CampaignSync.Campaign;

namespace CampaignSync.UnitTests.Campaign;

public sealed class CampaignOptionsValidatorTests
{
    private static CampaignOptions Valid() => new() { BaseUrl = "https://tenant.example.test", ApiKey = "secret-1" };

    // The generated validator prefixes each message with the member name ("BaseUrl: Campaign:BaseUrl is …").
    private static string[] Failures(CampaignOptions options) =>
        [.. new CampaignOptionsValidator().Validate(null, options).Failures ?? []];

    private static void AssertReported(string message, string[] failures) =>
        Assert.Contains(failures, f => f.EndsWith(message, StringComparison.Ordinal));

    [Fact]
    public void Validate_accepts_the_defaults_with_url_and_key() =>
        Assert.True(new CampaignOptionsValidator().Validate(null, Valid()).Succeeded);

    [Fact]
    public void Validate_lists_every_missing_required_value_by_key()
    {
        var failures = Failures(new CampaignOptions());

        AssertReported("Campaign:BaseUrl is required.", failures);
        AssertReported("Campaign:ApiKey is required.", failures);
    }

    [Theory]
    [InlineData("tenant.example.test")]
    [InlineData("/campaignapi")]
    [InlineData("ftp://tenant.example.test")]
    public void Validate_rejects_a_base_url_that_is_not_absolute_http(string baseUrl)
    {
        var options = Valid();
        options.BaseUrl = baseUrl;

        AssertReported("Campaign:BaseUrl must be an absolute http or https URL.", Failures(options));
    }

    [Fact]
    public void Validate_never_echoes_a_secret()
    {
        var options = Valid();
        options.SecondaryApiKey = options.ApiKey;
        options.RequestsPerSecond = -1;

        var failures = Failures(options);

        Assert.Equal(2, failures.Length);
        Assert.DoesNotContain(failures, f => f.Contains("secret-1", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_rejects_an_attempt_timeout_longer_than_the_total()
    {
        var options = Valid();
        options.AttemptTimeout = TimeSpan.FromMinutes(3);

        AssertReported("Campaign:AttemptTimeout must not be longer than Campaign:TotalTimeout.", Failures(options));
    }

    [Fact]
    public void Validate_checks_the_nested_paths()
    {
        var options = Valid();
        options.Paths.Upsert = "";
        options.Paths.Status = "/campaignapi/resources/v3/profilequerystatus";

        var failures = Failures(options);

        AssertReported("Campaign:Paths:Upsert is required.", failures);
        AssertReported("Campaign:Paths:Status must contain the placeholder {request-id}.", failures);
    }

    [Theory]
    [InlineData("https://files.example.test", true)]
    [InlineData("https://files.example.test:8443/", true)]
    [InlineData("http://files.example.test", false)] // http under an https base URL
    [InlineData("https://files.example.test/bucket", false)] // a path: origins only
    [InlineData("https://user@files.example.test", false)]
    [InlineData("files.example.test", false)]
    public void Validate_accepts_only_https_origins_for_error_files(string origin, bool valid)
    {
        var options = Valid();
        options.ErrorFileOrigins = ["https://storage.example.test", origin];

        var failures = Failures(options);

        Assert.Equal(valid, failures.Length == 0);
        Assert.All(failures, f => Assert.Contains("Campaign:ErrorFileOrigins:1 must be an origin", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_accepts_an_http_error_file_origin_when_the_base_url_is_http()
    {
        var options = Valid();
        options.BaseUrl = "http://127.0.0.1:5080/";
        options.ErrorFileOrigins = ["http://127.0.0.1:5081"];

        Assert.Empty(Failures(options));
    }

    [Fact]
    public void Validate_rejects_error_file_limits_out_of_range_by_key()
    {
        var options = Valid();
        options.ErrorFileMaxBytes = 10;
        options.ErrorFileMaxLines = 0;
        options.ErrorFileReadTimeout = TimeSpan.FromMinutes(10);

        var failures = Failures(options);

        AssertReported("Campaign:ErrorFileReadTimeout must not be longer than Campaign:ErrorFileTimeout.", failures);
        // The generated validator words numeric ranges itself ("ErrorFileMaxBytes: The field … must be between …").
        Assert.Contains(failures, f => f.StartsWith("ErrorFileMaxBytes: ", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("ErrorFileMaxLines: ", StringComparison.Ordinal));
    }
}
