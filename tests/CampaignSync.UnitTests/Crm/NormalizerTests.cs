using CampaignSync.Crm;

namespace CampaignSync.UnitTests.Crm;

[Trait("Category", "Crm")]
public sealed class NormalizerTests
{
    [Theory]
    [InlineData("  Ada.Rossi@Example.COM ", "ada.rossi@example.com")]
    [InlineData("o'brien+news@sub.example.co.uk", "o'brien+news@sub.example.co.uk")]
    [InlineData("ÀDA@EXAMPLE.IT", "àda@example.it")]
    public void Email_is_trimmed_and_lower_cased(string raw, string expected) =>
        Assert.Equal(expected, EmailNormalizer.Normalize(raw));

    [Theory]
    [InlineData("not an address")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@example")]
    [InlineData("ada@example.")]
    [InlineData("ada@@example.com")]
    [InlineData("ada@x..com")]
    [InlineData("ada@example.com, bob@example.com")]
    [InlineData("Ada <ada@example.com>")]
    public void Email_that_is_not_one_plain_address_is_invalid(string raw) =>
        Assert.Null(EmailNormalizer.Normalize(raw));

    [Theory]
    [InlineData("+39 347 1234567", "+393471234567")]
    [InlineData("0039 347-123-4567", "+393471234567")]
    [InlineData("+39 (347) 123 4567", "+393471234567")]
    [InlineData("+41 44 668 18 00", "+41446681800")]
    [InlineData("+1 650-253-0000", "+16502530000")]
    [InlineData(" +44 20 7946 0018 ", "+442079460018")]
    public void Phone_with_its_country_code_becomes_e164(string raw, string expected) =>
        Assert.Equal(expected, new PhoneNormalizer(null).Normalize(raw));

    [Theory]
    [InlineData("347 123 4567", "+393471234567")]
    [InlineData("02 1234 5678", "+390212345678")]
    [InlineData("+41 44 668 18 00", "+41446681800")]
    public void Phone_without_a_prefix_is_read_in_the_default_region(string raw, string expected) =>
        Assert.Equal(expected, new PhoneNormalizer("IT").Normalize(raw));

    [Theory]
    [InlineData(null, "347 123 4567")]
    [InlineData("IT", "n/a")]
    [InlineData("IT", "123")]
    [InlineData("IT", "+39 000")]
    [InlineData(null, "")]
    public void Phone_that_is_not_a_valid_number_is_invalid(string? region, string raw) =>
        Assert.Null(new PhoneNormalizer(region).Normalize(raw));
}
