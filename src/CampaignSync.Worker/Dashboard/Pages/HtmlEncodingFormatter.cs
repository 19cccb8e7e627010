using System.Globalization;
using System.Net;
using Hangfire.Dashboard;

namespace CampaignSync.Dashboard.Pages;

/// <summary>
/// Formats an interpolated HTML string so that every value is HTML-encoded (invariant culture, with its format
/// specifier) unless it is a <see cref="NonEscapedString"/> built by the pages themselves. Keys, descriptions and
/// attribute values come from other systems: encoding is the default, so a page cannot forget it.
/// </summary>
internal sealed class HtmlEncodingFormatter : IFormatProvider, ICustomFormatter
{
    public static readonly HtmlEncodingFormatter Instance = new();

    public object? GetFormat(Type? formatType) => formatType == typeof(ICustomFormatter) ? this : null;

    public string Format(string? format, object? arg, IFormatProvider? formatProvider) => arg switch
    {
        null => "",
        NonEscapedString html => html.ToString(),
        IFormattable value => WebUtility.HtmlEncode(value.ToString(format, CultureInfo.InvariantCulture)) ?? "",
        _ => WebUtility.HtmlEncode(arg.ToString() ?? ""),
    };

    /// <summary>The HTML of <paramref name="html"/> with its values encoded.</summary>
    public static NonEscapedString Render(FormattableString html) => new(html.ToString(Instance));
}
