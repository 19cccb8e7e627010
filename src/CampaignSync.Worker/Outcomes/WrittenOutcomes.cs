namespace CampaignSync.Outcomes;

/// <summary>
/// What finishing one batch wrote, for the metrics once it commits: the batch's final state, the time from its submit to
/// now (null when it was never submitted) and its rows by outcome.
/// </summary>
internal sealed record WrittenOutcomes(string BatchState, double? RequestSeconds, IReadOnlyList<OutcomeGroup> Groups);
