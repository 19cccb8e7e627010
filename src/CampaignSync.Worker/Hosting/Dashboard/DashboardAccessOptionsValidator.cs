using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CampaignSync.Hosting.Dashboard;

/// <summary>
/// Refuses a dashboard that anyone could open: Mode None outside Development, Basic without a strong operator
/// password, Policy without a registered policy of that name. Messages name the key and never echo a value.
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
                    $"or to Policy with {Section}:Policy");
                break;
            case DashboardAccessMode.Basic:
                ValidateBasic(options, failures);
                break;
            case DashboardAccessMode.Policy when string.IsNullOrWhiteSpace(options.Policy):
                failures.Add($"{Section}:Policy: is required when {Section}:Mode is Policy");
                break;
            case DashboardAccessMode.Policy when authorization.Value.GetPolicy(options.Policy!) is null:
                // Otherwise every dashboard request would fail at run time instead of start-up failing now.
                failures.Add($"{Section}:Policy: no authorization policy of that name is registered");
                break;
        }

        if (string.IsNullOrWhiteSpace(options.OperatorRole))
        {
            failures.Add($"{Section}:OperatorRole: must not be empty");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateBasic(DashboardAccessOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.OperatorUsername) || options.OperatorUsername.Contains(':', StringComparison.Ordinal))
        {
            failures.Add($"{Section}:OperatorUsername: is required and may not contain ':'");
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
}
