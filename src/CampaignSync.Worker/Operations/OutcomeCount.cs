namespace CampaignSync.Operations;

/// <summary>Final rows with one state and code, for the demo's summary.</summary>
internal sealed record OutcomeCount(string State, string Code, string Description, long Count);
