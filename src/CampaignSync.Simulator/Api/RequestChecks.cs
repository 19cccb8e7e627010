using System.Globalization;

namespace CampaignSync.Simulator.Api;

/// <summary>Whole-request checks shared by the sync, bulk and async upserts: each failure is 200/1001.</summary>
internal static class RequestChecks
{
    public static ApiError? CheckAttributeName(SimulatedProfile profile, string? name) =>
        !string.IsNullOrEmpty(name) && profile.Attributes.Contains(name, StringComparer.Ordinal)
            ? null
            : new ApiError(CampaignCodes.InvalidInput, $"Invalid attribute name \"{name}\" for profile \"{profile.Name}\"");

    /// <summary>A value longer than the limit or containing NUL fails the whole request (the worker splits on it).</summary>
    public static ApiError? CheckValue(string value, int maxLength) =>
        value.Length > maxLength || value.Contains('\0', StringComparison.Ordinal)
            ? new ApiError(CampaignCodes.InvalidInput, string.Create(
                CultureInfo.InvariantCulture, $"Invalid input: a value is longer than {maxLength} characters or contains NUL"))
            : null;

    /// <summary>Checks a sync key and its attribute list and returns them as name/value pairs.</summary>
    public static ApiError? CheckRecord(
        SimulatedProfile profile,
        string? key,
        List<AttributeValue>? attributes,
        int maxLength,
        out List<KeyValuePair<string, string>> pairs)
    {
        pairs = [];
        if (string.IsNullOrEmpty(key))
        {
            return new ApiError(CampaignCodes.InvalidInput, "key is mandatory (the simulator does not support filter)");
        }

        var error = CheckValue(key, maxLength);
        foreach (var attribute in attributes ?? [])
        {
            error ??= CheckAttributeName(profile, attribute?.AttributeName) ?? CheckValue(attribute!.Val ?? "", maxLength);
            if (error is not null)
            {
                return error;
            }

            pairs.Add(KeyValuePair.Create(attribute!.AttributeName!, attribute.Val ?? ""));
        }

        return error;
    }
}
