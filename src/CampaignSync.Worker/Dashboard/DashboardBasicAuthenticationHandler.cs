using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CampaignSync.Dashboard;

/// <summary>
/// HTTP Basic for the dashboard (Dashboard:Mode Basic): the operator credential gets the operator role, the viewer
/// credential the viewer role. Passwords are compared in constant time through their SHA-256 digests, and a
/// missing or wrong credential is answered with a 401 challenge, so a browser asks for it. Wrong credentials are
/// counted per client address (<see cref="SignInThrottle"/>): past the limit the client is answered 429 with
/// Retry-After, and the log names the address, never the user name tried (often a person's e-mail address).
/// </summary>
internal sealed class DashboardBasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IOptions<DashboardAccessOptions> access,
    SignInThrottle throttle)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggerFactory, encoder)
{
    public const string SchemeName = "CampaignSyncDashboardBasic";

    // Where the authentication step leaves a refusal for the challenge step to answer with 429.
    private const string RefusedForItem = "CampaignSync.Dashboard.RefusedFor";

    private string ClientAddress => Context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (throttle.RefusedFor(ClientAddress) is { } refused)
        {
            Context.Items[RefusedForItem] = refused;
            return Task.FromResult(AuthenticateResult.Fail("Too many failed dashboard sign-ins from this client"));
        }

        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var (user, password) = Decode(header.Parameter);
        var role = user is null ? null : RoleOf(access.Value, user, password!);
        if (role is null)
        {
            // This answer is still a 401; the client's next requests are refused until the window ends.
            var (failures, refusedFor) = throttle.Failed(ClientAddress);
            Logger.SignInFailed(ClientAddress, failures, access.Value.FailedSignInLimit);
            if (refusedFor is { } wait)
            {
                Logger.SignInThrottled(ClientAddress, failures, wait);
            }

            return Task.FromResult(AuthenticateResult.Fail("The dashboard credential is not valid"));
        }

        throttle.Succeeded(ClientAddress);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, user!), new Claim(ClaimTypes.Role, role)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RefusedForItem] is TimeSpan refused)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = Math.Ceiling(refused.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Basic realm=\"CampaignSync\", charset=\"UTF-8\"";
        return Task.CompletedTask;
    }

    private static (string? User, string? Password) Decode(string parameter)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? (null, null) : (text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return (null, null);
        }
    }

    private static string? RoleOf(DashboardAccessOptions options, string user, string password)
    {
        // Both comparisons always run, so the answer time does not tell which user name exists.
        var isOperator = Matches(user, password, options.OperatorUsername, options.OperatorPassword);
        var isViewer = options.HasViewer && Matches(user, password, options.ViewerUsername, options.ViewerPassword);
        return isOperator ? options.OperatorRole : isViewer ? options.ViewerRole : null;
    }

    private static bool Matches(string user, string password, string? expectedUser, string? expectedPassword) =>
        expectedPassword is not null
        & CryptographicOperations.FixedTimeEquals(Digest(user), Digest(expectedUser ?? ""))
        & CryptographicOperations.FixedTimeEquals(Digest(password), Digest(expectedPassword ?? ""));

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
