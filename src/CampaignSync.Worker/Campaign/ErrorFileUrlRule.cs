namespace CampaignSync.Campaign;

/// <summary>
/// Which error-file URLs may be fetched, and which of them get the key (issue 15). Allowed: a URL under
/// <see cref="CampaignOptions.BaseUrl"/> (same scheme, host and port, and a path under the base URL's path), which gets
/// the key; or a URL on one of <see cref="CampaignOptions.ErrorFileOrigins"/>, which never does. https only, unless the
/// base URL itself is http (Development and loopback, see <see cref="Hosting.SecureBaseUrlValidator{TOptions}"/>). No user
/// information, no dot segments. Every redirect hop is judged by the same rule. Reasons name an origin, never a path
/// or query (a pre-signed URL's signature is a secret).
/// </summary>
internal sealed class ErrorFileUrlRule
{
    private readonly Uri _base;
    private readonly string _basePath;
    private readonly bool _httpAllowed;
    private readonly List<Uri> _origins;

    public ErrorFileUrlRule(CampaignOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _base = new Uri(options.BaseUrl!, UriKind.Absolute);
        _basePath = _base.AbsolutePath.EndsWith('/') ? _base.AbsolutePath : _base.AbsolutePath + "/";
        _httpAllowed = _base.Scheme == Uri.UriSchemeHttp;
        _origins = [.. options.ErrorFileOrigins.Select(o => ParseOrigin(o, _httpAllowed)!)];
    }

    /// <summary>An origin entry as a URI, or null when it is not <c>scheme://host[:port]</c> with an allowed scheme.</summary>
    public static Uri? ParseOrigin(string? text, bool httpAllowed) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && IsAllowedScheme(uri, httpAllowed)
        && uri.AbsolutePath == "/" && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0
            ? uri
            : null;

    /// <summary>
    /// Resolves the status answer's <c>error-file</c>: a path (with or without a leading slash) is joined to the base
    /// URL by text, so the base URL's path prefix stays; anything else is taken as an absolute URL.
    /// </summary>
    public Uri Resolve(string errorFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(errorFile);
        // On Unix "/x" parses as an absolute file: URI, so a leading slash is checked first.
        return !errorFile.StartsWith('/') && Uri.TryCreate(errorFile, UriKind.Absolute, out var absolute)
            ? absolute
            : new Uri(_base.AbsoluteUri.TrimEnd('/') + "/" + errorFile.TrimStart('/'), UriKind.Absolute);
    }

    /// <summary>Whether <paramref name="uri"/> may be fetched; <paramref name="sendKey"/> when it is under the base URL.</summary>
    /// <exception cref="ErrorFileRejectedException">It may not; the message says which rule it breaks.</exception>
    public void Check(Uri uri, out bool sendKey)
    {
        ArgumentNullException.ThrowIfNull(uri);
        sendKey = false;
        if (!IsAllowedScheme(uri, _httpAllowed))
        {
            throw Refused(_httpAllowed ? "it is neither https nor http" : "it is not https");
        }

        if (uri.UserInfo.Length > 0)
        {
            throw Refused("it carries user information");
        }

        if (SameOrigin(uri, _base))
        {
            var path = Uri.UnescapeDataString(uri.AbsolutePath);
            if (!uri.AbsolutePath.StartsWith(_basePath, StringComparison.Ordinal) || path.Contains("/../", StringComparison.Ordinal)
                || path.Contains("/./", StringComparison.Ordinal) || path.Contains('\\', StringComparison.Ordinal))
            {
                throw Refused("its path is outside Campaign:BaseUrl's path");
            }

            sendKey = true;
            return;
        }

        if (!_origins.Exists(origin => SameOrigin(uri, origin)))
        {
            throw Refused($"its origin {uri.GetLeftPart(UriPartial.Authority)} is neither Campaign:BaseUrl's nor in Campaign:ErrorFileOrigins");
        }
    }

    private static bool IsAllowedScheme(Uri uri, bool httpAllowed) =>
        uri.Scheme == Uri.UriSchemeHttps || (httpAllowed && uri.Scheme == Uri.UriSchemeHttp);

    private static bool SameOrigin(Uri a, Uri b) =>
        Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;

    private static ErrorFileRejectedException Refused(string why) => new($"The error file's URL was refused: {why}.");
}
