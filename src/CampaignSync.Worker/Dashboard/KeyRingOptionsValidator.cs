using Microsoft.Extensions.Options;

namespace CampaignSync.Dashboard;

/// <summary>
/// Outside Development the key ring must be shared and encrypted, so both PEM values are required and must make an
/// RSA certificate with its private key. Messages name the key and never echo a value.
/// </summary>
internal sealed class KeyRingOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyRingOptions>
{
    private const string Section = KeyRingOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        if (!options.IsConfigured && environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Certificate))
        {
            failures.Add($"{Section}:Certificate: is required outside Development (a PEM certificate from a secret, e.g. a TLS secret's tls.crt): " +
                "it encrypts the key ring every replica shares, without which a dashboard form is refused by the other replicas");
        }

        if (string.IsNullOrWhiteSpace(options.PrivateKey))
        {
            failures.Add($"{Section}:PrivateKey: is required with {Section}:Certificate (its RSA private key as PEM, e.g. a TLS secret's tls.key)");
        }

        if (failures.Count == 0)
        {
            using var certificate = options.TryLoad();
            if (certificate is null)
            {
                failures.Add($"{Section}:Certificate: and {Section}:PrivateKey: must be a PEM certificate and its unencrypted RSA private key");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
