using System.ComponentModel.DataAnnotations;

namespace CampaignSync.Campaign;

/// <summary>Valid when the value is null (leave that to <see cref="RequiredAttribute"/>) or an absolute http/https URL.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is null
        || (value is string text
            && Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}
