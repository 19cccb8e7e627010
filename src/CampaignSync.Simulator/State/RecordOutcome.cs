namespace CampaignSync.Simulator.State;

/// <summary>The outcome of one record, with the code and description when it failed.</summary>
internal sealed record RecordOutcome(RecordOutcomeKind Kind, string? Code = null, string? Description = null)
{
    public static RecordOutcome Applied { get; } = new(RecordOutcomeKind.Applied);

    public static RecordOutcome Skipped { get; } = new(RecordOutcomeKind.Skipped);

    public static RecordOutcome Failed(string code, string description) => new(RecordOutcomeKind.Failed, code, description);
}
