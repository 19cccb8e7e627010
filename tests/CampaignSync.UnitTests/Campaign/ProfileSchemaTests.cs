using CampaignSync.Campaign;

namespace CampaignSync.UnitTests.Campaign;

public sealed class ProfileSchemaTests
{
    private static readonly ProfileSchema Schema = new([
        new CampaignProfileMetadata
        {
            ProfileName = "contacts",
            Attributes =
            [
                new CampaignAttributeMetadata { Name = "city", DataType = "string" },
                new CampaignAttributeMetadata { Name = "score", DataType = "Number" },
            ],
        },
    ]);

    [Theory]
    [InlineData("number", "7.5", true)]
    [InlineData("number", "-1e3", true)]
    [InlineData("number", "high", false)]
    [InlineData("integer", "7", true)]
    [InlineData("integer", "7.5", false)]
    [InlineData("boolean", "TRUE", true)]
    [InlineData("boolean", "yes", false)]
    [InlineData("date", "2026-11-29", true)]
    [InlineData("date", "29/11/2026", false)]
    [InlineData("number", "", true)]
    [InlineData("number", null, true)]
    [InlineData("string", "anything", true)]
    [InlineData("a type the project does not know", "anything", true)]
    public void Fits_parses_numbers_booleans_and_dates_and_takes_any_value_of_other_types(string dataType, string? value, bool fits) =>
        Assert.Equal(fits, ProfileSchema.Fits(dataType, value));

    [Fact]
    public void Judge_names_a_missing_profile_an_unknown_attribute_and_a_type_mismatch_with_their_codes_and_never_the_value()
    {
        Assert.Null(Schema.Judge("contacts", "score", "7"));
        Assert.Equal(ProfileSchema.UnknownProfileCode, Schema.Judge("leads", "city", "Turin")?.Code);
        Assert.Equal(ProfileSchema.UnknownAttributeCode, Schema.Judge("contacts", "shoe-size", "42")?.Code);
        var mismatch = Schema.Judge("contacts", "score", "secret-value");
        Assert.Equal(ProfileSchema.TypeMismatchCode, mismatch?.Code);
        Assert.DoesNotContain("secret-value", mismatch?.Reason, StringComparison.Ordinal);
    }
}
