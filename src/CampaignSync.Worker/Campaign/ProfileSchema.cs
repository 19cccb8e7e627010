using System.Globalization;

namespace CampaignSync.Campaign;

/// <summary>
/// The tenant's profiles as the metadata call describes them: which profiles exist, which attributes each has and of
/// which data type. Judges one attribute value at a time, the same way for the worker (before folding) and for
/// <c>check</c>. Reasons name profiles, attributes and types, never values (they may be personal data).
/// </summary>
internal sealed class ProfileSchema
{
    /// <summary>The outcome code of a row whose profile the tenant does not have.</summary>
    public const string UnknownProfileCode = "unknown_profile";

    /// <summary>The outcome code of a row that carries an attribute its profile does not have.</summary>
    public const string UnknownAttributeCode = "unknown_attribute";

    /// <summary>The outcome code of a row whose value does not fit its attribute's data type.</summary>
    public const string TypeMismatchCode = "type_mismatch";

    private readonly Dictionary<string, Dictionary<string, string>> _profiles = new(StringComparer.Ordinal);

    public ProfileSchema(IEnumerable<CampaignProfileMetadata> profiles)
    {
        foreach (var profile in profiles.Where(p => !string.IsNullOrEmpty(p.ProfileName)))
        {
            _profiles[profile.ProfileName!] = (profile.Attributes ?? [])
                .Where(a => !string.IsNullOrEmpty(a.Name))
                .GroupBy(a => a.Name!, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().DataType ?? "", StringComparer.Ordinal);
        }
    }

    /// <summary>How many profiles and attributes the metadata listed.</summary>
    public (int Profiles, int Attributes) Size => (_profiles.Count, _profiles.Values.Sum(a => a.Count));

    /// <summary>Why Campaign would refuse any row of this profile; <see langword="null"/> when the profile exists.</summary>
    public (string Code, string Reason)? JudgeProfile(string profileName) => _profiles.ContainsKey(profileName)
        ? null
        : (UnknownProfileCode, $"Campaign has no profile '{profileName}' (profile metadata)");

    /// <summary>Why Campaign would refuse this attribute value, as a code and a reason; <see langword="null"/> when it fits.</summary>
    public (string Code, string Reason)? Judge(string profileName, string attribute, string? value)
    {
        if (!_profiles.TryGetValue(profileName, out var attributes))
        {
            return JudgeProfile(profileName);
        }

        if (!attributes.TryGetValue(attribute, out var dataType))
        {
            return (UnknownAttributeCode, $"profile '{profileName}' has no attribute '{attribute}' (profile metadata)");
        }

        return Fits(dataType, value)
            ? null
            : (TypeMismatchCode, $"the value of '{attribute}' does not fit its data type '{dataType}' in profile '{profileName}'");
    }

    /// <summary>
    /// Whether a value fits a data type: empty values always do (they clear or are ignored); numbers, booleans and
    /// dates must parse (invariant culture, ISO 8601 dates); any other type, text included, takes any value.
    /// </summary>
    public static bool Fits(string dataType, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        return dataType.Trim().ToLowerInvariant() switch
        {
            "integer" or "int" or "long" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            "number" or "numeric" or "decimal" or "double" or "float" => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
            "boolean" or "bool" => value.Trim().ToLowerInvariant() is "true" or "false" or "0" or "1",
            "date" or "datetime" or "timestamp" => DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _),
            _ => true,
        };
    }
}
