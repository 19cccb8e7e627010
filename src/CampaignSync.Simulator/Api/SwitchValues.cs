using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Api;

/// <summary>Parses the string switches of a request; a missing switch takes its documented default.</summary>
internal static class SwitchValues
{
    public static bool TryParseUpsert(string? value, out UpsertMode mode)
    {
        mode = value switch
        {
            null or "1" => UpsertMode.CreateOrUpdate,
            "0" => UpsertMode.CreateOnly,
            "2" => UpsertMode.UpdateOnly,
            _ => (UpsertMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    public static bool TryParseUpdateLink(string? value, out UpdateLinkMode mode)
    {
        mode = value switch
        {
            null or "2" => UpdateLinkMode.CreateLinked,
            "1" => UpdateLinkMode.Ignore,
            "3" => UpdateLinkMode.FailIfMissing,
            _ => (UpdateLinkMode)(-1),
        };
        return Enum.IsDefined(mode);
    }

    /// <summary>"1" (default) is sync, "2" is async.</summary>
    public static bool TryParseSync(string? value, out bool isAsync)
    {
        isAsync = value == "2";
        return value is null or "1" or "2";
    }
}
