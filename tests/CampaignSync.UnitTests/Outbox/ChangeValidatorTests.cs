using CampaignSync.Outbox;

namespace CampaignSync.UnitTests.Outbox;

public sealed class ChangeValidatorTests
{
    [Fact]
    public void Validate_parses_scalar_attributes_to_text()
    {
        var (valid, rejected) = ChangeValidator.Validate(Row("""{"email":"a@x","age":42,"vip":true,"note":null}"""));

        Assert.Null(rejected);
        Assert.Equal("a@x", valid!.Attributes["email"]);
        Assert.Equal("42", valid.Attributes["age"]);
        Assert.Equal("true", valid.Attributes["vip"]);
        Assert.Null(valid.Attributes["note"]);
    }

    [Theory]
    [InlineData("""{"email":{"nested":1}}""", "must be a string, number, boolean or null")]
    [InlineData("""{"tags":[1,2]}""", "must be a string, number, boolean or null")]
    [InlineData("""{"":"x"}""", "attribute names")]
    [InlineData("{}", "at least one attribute")]
    public void Validate_rejects_attributes_the_api_cannot_take(string attributes, string reason)
    {
        var (valid, rejected) = ChangeValidator.Validate(Row(attributes));

        Assert.Null(valid);
        Assert.Equal(ChangeValidator.InvalidRowCode, rejected!.Code);
        Assert.Contains(reason, rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_rejects_a_key_longer_than_the_limit() =>
        Assert.NotNull(ChangeValidator.Validate(Row("""{"a":"b"}""") with { ProfileKey = new string('k', 256) }).Rejected);

    [Fact]
    public void Validate_rejects_a_key_with_a_control_character() =>
        Assert.NotNull(ChangeValidator.Validate(Row("""{"a":"b"}""") with { ProfileKey = "a\tb" }).Rejected);

    [Fact]
    public void Validate_accepts_a_delete_without_attributes() =>
        Assert.NotNull(ChangeValidator.Validate(Row("{}") with { Operation = "delete" }).Valid);

    [Fact]
    public void Validate_accepts_keys_with_spaces_and_unicode() =>
        Assert.NotNull(ChangeValidator.Validate(Row("""{"a":"b"}""") with { ProfileKey = "Zoë O'Brien 株式会社" }).Valid);

    private static ClaimedChange Row(string attributes) => new()
    {
        Id = 1,
        Position = 1,
        ProfileName = "contacts",
        ProfileKey = "k1",
        Operation = "upsert",
        AttributesJson = attributes,
        UpsertMode = 1,
        UpdateLink = 2,
        Exparams = [],
        Attempts = 0,
        Fence = 7,
    };
}
