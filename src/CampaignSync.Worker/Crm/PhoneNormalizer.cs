using PhoneNumbers;

namespace CampaignSync.Crm;

/// <summary>
/// Parses a phone number typed into the CRM (spaces, dashes, brackets, <c>00</c> or <c>+</c> prefixes) with Google's
/// libphonenumber and writes it in E.164. A number without an international prefix is read in the configured
/// default region; without one, or when the number is not valid for its region, the value counts as invalid.
/// </summary>
internal sealed class PhoneNormalizer(string? defaultRegion)
{
    // Parsing with the "unknown" region accepts only numbers that carry their own country code.
    private const string UnknownRegion = "ZZ";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The number in E.164, or null when it cannot be read as a valid number.</summary>
    public string? Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            // The international call prefix most of the world dials; libphonenumber only knows it per region.
            text = "+" + text[2..];
        }

        try
        {
            var number = Util.Parse(text, defaultRegion ?? UnknownRegion);
            return Util.IsValidNumber(number) ? Util.Format(number, PhoneNumberFormat.E164) : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
