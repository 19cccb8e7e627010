using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CampaignSync.Hosting;

/// <summary>
/// Runs an options class's DataAnnotations and reports each failure with its configuration key
/// (<c>Outbox:ClaimSize: …</c>), so a bad setting stops start-up with a message that names what to fix.
/// Values are never echoed: a secret's message must not carry the secret.
/// </summary>
internal sealed class SectionValidator<T>(string sectionName) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r =>
            $"{sectionName}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
    }
}
