namespace CampaignSync.Simulator.Processing;

/// <summary>One record of an async upsert file; <paramref name="Error"/> is set when the line itself is unusable.</summary>
internal sealed record ParsedRecord(
    int Index,
    string Key,
    IReadOnlyList<KeyValuePair<string, string>> Attributes,
    ErrorLine? Error);
