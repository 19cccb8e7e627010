using System.Buffers;

namespace CampaignSync.Crm;

/// <summary>
/// Trims and lower-cases an e-mail address (invariant culture) and checks that it is one plain address:
/// one <c>@</c>, a non-empty local part, a dotted domain, no whitespace or list separators. This is a sanity check
/// for values a person typed into a CRM, not RFC 5322: Campaign judges deliverability.
/// </summary>
internal static class EmailNormalizer
{
    private static readonly SearchValues<char> Forbidden = SearchValues.Create(" \t\r\n,;<>()\"");

    /// <summary>The normalised address, or null when <paramref name="value"/> is not one plain address.</summary>
    public static string? Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var email = value.Trim().ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || email.AsSpan().ContainsAny(Forbidden))
        {
            return null;
        }

        var domain = email[(at + 1)..];
        var dot = domain.LastIndexOf('.');
        return dot > 0 && dot < domain.Length - 1 && !domain.Contains("..", StringComparison.Ordinal) ? email : null;
    }
}
