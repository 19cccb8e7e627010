using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// Finds what must never be logged: e-mail addresses and E.164 phone numbers by pattern, bearer tokens by their
/// header form, and the exact secrets the tests configured (API keys, passwords). JSON escapes (<c>\u002B</c> for
/// <c>+</c>, as the JSON console formatter writes it) and URL escapes (<c>%40</c> for <c>@</c>, as ASP.NET Core's
/// request lines and HttpClient's log a URL; decoded until nothing changes, so <c>%2540</c> is found too) are decoded
/// first, so an escaped value is still found.
/// </summary>
internal sealed partial class LogScanner(IEnumerable<string> knownSecrets)
{
    private readonly string[] _secrets = knownSecrets.Where(s => s.Length >= 6).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Every leak in <paramref name="line"/> (empty when the line is clean).</summary>
    public IReadOnlyList<LogLeak> Scan(string line, long lineNumber = 0, string source = "")
    {
        var text = JsonEscape().Replace(line, m => ((char)int.Parse(m.Groups[1].ValueSpan, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());
        for (var decoded = Uri.UnescapeDataString(text); decoded != text; decoded = Uri.UnescapeDataString(text))
        {
            text = decoded;
        }

        var leaks = new List<LogLeak>();
        leaks.AddRange(Email().Matches(text).Select(m => new LogLeak("e-mail", lineNumber, source, Mask(m.Value))));
        leaks.AddRange(Phone().Matches(text).Select(m => new LogLeak("phone number", lineNumber, source, Mask(m.Value))));
        leaks.AddRange(Bearer().Matches(text).Select(m => new LogLeak("bearer token", lineNumber, source, Mask(m.Groups["token"].Value))));
        leaks.AddRange(_secrets.Where(s => text.Contains(s, StringComparison.OrdinalIgnoreCase)).Select(s => new LogLeak("configured secret", lineNumber, source, Mask(s))));
        return leaks;
    }

    /// <summary>Enough of the value to find it among the test's own data, never the whole of it.</summary>
    private static string Mask(string value) => value.Length <= 4 ? "****" : $"{value[..3]}…({value.Length} chars)";

    [GeneratedRegex(@"\\u([0-9A-Fa-f]{4})")]
    private static partial Regex JsonEscape();

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex Email();

    // E.164: a plus, a country code that does not start with 0, at most 15 digits in all (8 at least, so "+1" and
    // a "+00:00" time zone are not numbers).
    [GeneratedRegex(@"(?<![\w+])\+[1-9]\d{7,14}(?!\d)")]
    private static partial Regex Phone();

    [GeneratedRegex(@"Bearer\s+(?<token>[A-Za-z0-9\-._~+/]{6,}=*)", RegexOptions.IgnoreCase)]
    private static partial Regex Bearer();
}
