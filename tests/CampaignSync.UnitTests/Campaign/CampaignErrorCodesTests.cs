using CampaignSync.Campaign;

namespace CampaignSync.UnitTests.Campaign;

public sealed class CampaignErrorCodesTests
{
    // One row per documented code and endpoint, from docs/campaign-api.md, "Codes and their policy".
    public static TheoryData<string, int, string, string> DocumentedRows => new()
    {
        { "Upsert", 200, "102", "PermanentFailure" },
        { "Delete", 200, "102", "PermanentFailure" },
        { "Upsert", 405, "405", "StopAndAlert" },
        { "Delete", 405, "405", "StopAndAlert" },
        { "Status", 405, "405", "StopAndAlert" },
        { "Upsert", 429, "429", "Retryable" },
        { "Delete", 429, "429", "Retryable" },
        { "Status", 429, "429", "Retryable" },
        { "Upsert", 401, "430", "StopAndAlert" },
        { "Delete", 401, "430", "StopAndAlert" },
        { "Status", 401, "430", "StopAndAlert" },
        { "Upsert", 401, "498", "RefreshAndRetry" },
        { "Delete", 401, "498", "RefreshAndRetry" },
        { "Status", 401, "498", "RefreshAndRetry" },
        { "Upsert", 499, "499", "Retryable" },
        { "Delete", 499, "499", "Retryable" },
        { "Status", 499, "499", "Retryable" },
        { "Upsert", 500, "500", "Retryable" },
        { "Delete", 500, "500", "Retryable" },
        { "Status", 500, "500", "Retryable" },
        { "Upsert", 200, "1001", "PermanentFailure" },
        { "Delete", 500, "1001", "PermanentFailure" },
        { "Status", 200, "1001", "PermanentFailure" },
        { "Upsert", 200, "1010", "Retryable" },
        { "Delete", 200, "1010", "Retryable" },
        { "Status", 200, "1010", "Success" },
        { "Upsert", 200, "1020", "PermanentFailure" },
        { "Delete", 200, "1020", "Success" },
        { "Upsert", 200, "3005", "PermanentFailure" },
        { "Status", 200, "3005", "PermanentFailure" },
        { "Upsert", 200, "7031", "PermanentFailure" },
        { "Status", 200, "7031", "PermanentFailure" },
    };

    [Theory]
    [MemberData(nameof(DocumentedRows))]
    public void Classify_maps_each_documented_code_to_its_policy(string endpoint, int httpStatus, string code, string expected)
    {
        var kind = CampaignErrorCodes.Classify(Enum.Parse<CampaignEndpoint>(endpoint), httpStatus, code);

        Assert.Equal(Enum.Parse<CampaignOutcomeKind>(expected), kind);
    }

    [Fact]
    public void Rows_cover_every_documented_code_once()
    {
        string[] documented = ["102", "405", "429", "430", "498", "499", "500", "1001", "1010", "1020", "3005", "7031"];

        Assert.Equal(documented.Order(StringComparer.Ordinal), CampaignErrorCodes.Rows.Select(r => r.Code).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(204)]
    public void Classify_treats_2xx_without_a_body_code_as_success(int httpStatus) =>
        Assert.Equal(CampaignOutcomeKind.Success, CampaignErrorCodes.Classify(CampaignEndpoint.Upsert, httpStatus, null));

    [Theory]
    [InlineData(429, "Retryable")]
    [InlineData(498, "RefreshAndRetry")]
    [InlineData(405, "StopAndAlert")]
    [InlineData(408, "Retryable")]
    [InlineData(502, "Retryable")]
    [InlineData(503, "Retryable")]
    [InlineData(404, "StopAndAlert")]
    [InlineData(400, "StopAndAlert")]
    public void Classify_uses_the_http_status_when_the_body_has_no_code(int httpStatus, string expected) =>
        Assert.Equal(Enum.Parse<CampaignOutcomeKind>(expected), CampaignErrorCodes.Classify(CampaignEndpoint.Delete, httpStatus, "  "));

    [Fact]
    public void Classify_lets_the_body_code_win_over_http_200() =>
        Assert.Equal(CampaignOutcomeKind.PermanentFailure, CampaignErrorCodes.Classify(CampaignEndpoint.Upsert, 200, "7031"));

    [Fact]
    public void Classify_stops_on_an_undocumented_code_with_http_200() =>
        Assert.Equal(CampaignOutcomeKind.StopAndAlert, CampaignErrorCodes.Classify(CampaignEndpoint.Upsert, 200, "9999"));

    [Fact]
    public void Classify_retries_an_undocumented_code_with_http_5xx() =>
        Assert.Equal(CampaignOutcomeKind.Retryable, CampaignErrorCodes.Classify(CampaignEndpoint.Status, 503, "9999"));

    [Fact]
    public void Classify_trims_the_body_code() =>
        Assert.Equal(CampaignOutcomeKind.Success, CampaignErrorCodes.Classify(CampaignEndpoint.Delete, 200, " 1020 "));
}
