using Microsoft.Extensions.Options;

namespace CampaignSync.Hosting;

/// <summary>
/// Refuses a plain-http base URL outside Development, where the key or token would cross the network in clear
/// (issue 15). Loopback hosts are accepted anywhere: the bytes never leave the machine (a local simulator, a
/// TLS-terminating sidecar). The message names the key, never the value.
/// </summary>
/// <param name="key">The configuration key, e.g. <c>Campaign:BaseUrl</c>.</param>
internal sealed class SecureBaseUrlValidator<TOptions>(IHostEnvironment environment, string key, Func<TOptions, string?> url)
    : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        environment.IsDevelopment() || !Uri.TryCreate(url(options), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.IsLoopback
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{key} must use https outside Development (this is {environment.EnvironmentName}); http is accepted only for a loopback host.");
}
