using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CampaignSync.Dashboard;

/// <summary>
/// Refuses a dashboard that anyone could open: Mode None outside Development, Basic without an operator user name
/// and a strong password, OpenIdConnect without its provider, client and secret (or with a plain-http provider outside
/// Development: <see cref="Hosting.SecureBaseUrlValidator{TOptions}"/> checks Dashboard:Authority), Policy without a registered
/// policy of that name; and proxy addresses that do not parse. Messages name the key and never echo a value.
/// </summary>
internal sealed class DashboardAccessOptionsValidator(IHostEnvironment environment, IOptions<AuthorizationOptions> authorization) : IValidateOptions<DashboardAccessOptions>
{
    /// <summary>The shortest password Basic mode accepts.</summary>
    public const int MinimumPasswordLength = 12;

    private const string Section = DashboardAccessOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DashboardAccessOptions options)
    {
        var failures = new List<string>();
        if (!options.Path.StartsWith('/') || options.Path.Length < 2)
        {
            failures.Add($"{Section}:Path: must start with '/' and name a path, such as /hangfire");
        }

        switch (options.Mode)
        {
            case DashboardAccessMode.None when !environment.IsDevelopment():
                failures.Add($"{Section}:Mode: anonymous dashboard access (None) is allowed only in Development " +
                    $"(this is {environment.EnvironmentName}); set {Section}:Mode to Basic with {Section}:OperatorPassword, " +
                    $"to OpenIdConnect with {Section}:Authority, or to Policy with {Section}:Policy");
                break;
            case DashboardAccessMode.Basic:
                ValidateBasic(options, failures);
                break;
            case DashboardAccessMode.OpenIdConnect:
                ValidateOpenIdConnect(options, failures);
                break;
            case DashboardAccessMode.Policy when string.IsNullOrWhiteSpace(options.Policy):
                failures.Add($"{Section}:Policy: is required when {Section}:Mode is Policy");
                break;
            case DashboardAccessMode.Policy when authorization.Value.GetPolicy(options.Policy!) is null:
                // Otherwise every dashboard request would fail at run time instead of start-up failing now.
                failures.Add($"{Section}:Policy: no authorization policy of that name is registered");
                break;
        }

        if (string.IsNullOrWhiteSpace(options.OperatorRole) || string.IsNullOrWhiteSpace(options.ViewerRole)
            || string.Equals(options.OperatorRole, options.ViewerRole, StringComparison.Ordinal))
        {
            failures.Add($"{Section}:OperatorRole and {Section}:ViewerRole: must not be empty and must differ");
        }

        if (options.FailedSignInLimit < 1 || options.FailedSignInWindow <= TimeSpan.Zero)
        {
            failures.Add($"{Section}:FailedSignInLimit and {Section}:FailedSignInWindow: must be at least 1 and longer than zero");
        }

        if (!options.KnownProxies.All(p => IPAddress.TryParse(p, out _)))
        {
            failures.Add($"{Section}:KnownProxies: each must be an IP address, such as 10.42.0.7");
        }

        if (!options.KnownNetworks.All(n => IPNetwork.TryParse(n, out _)))
        {
            failures.Add($"{Section}:KnownNetworks: each must be a network in CIDR form, such as 10.42.0.0/16");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateBasic(DashboardAccessOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.OperatorUsername) || options.OperatorUsername.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:OperatorUsername: is required when {Section}:Mode is Basic (no default, from a secret) and may not contain ':'");
        }

        if ((options.OperatorPassword?.Length ?? 0) < MinimumPasswordLength)
        {
            failures.Add($"{Section}:OperatorPassword: is required when {Section}:Mode is Basic (at least {MinimumPasswordLength} characters; from a secret)");
        }

        if (!options.HasViewer)
        {
            return;
        }

        if (options.ViewerPassword!.Length < MinimumPasswordLength)
        {
            failures.Add($"{Section}:ViewerPassword: must have at least {MinimumPasswordLength} characters");
        }

        if (string.IsNullOrWhiteSpace(options.ViewerUsername) || options.ViewerUsername.Contains(':', StringComparison.Ordinal)
            || string.Equals(options.ViewerUsername, options.OperatorUsername, StringComparison.Ordinal))
        {
            failures.Add($"{Section}:ViewerUsername: is required, may not contain ':' and must differ from {Section}:OperatorUsername");
        }
    }

    private static void ValidateOpenIdConnect(DashboardAccessOptions options, List<string> failures)
    {
        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{Section}:Authority: is required when {Section}:Mode is OpenIdConnect (the provider's issuer URL, https)");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:ClientId: is required when {Section}:Mode is OpenIdConnect");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Section}:ClientSecret: is required when {Section}:Mode is OpenIdConnect (from a secret)");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim) || string.IsNullOrWhiteSpace(options.NameClaim))
        {
            failures.Add($"{Section}:RoleClaim and {Section}:NameClaim: must not be empty");
        }
    }
}
