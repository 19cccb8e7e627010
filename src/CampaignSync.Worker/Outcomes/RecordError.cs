namespace CampaignSync.Outcomes;

/// <summary>What happened to one record of a request (by its 1-based index); records without one succeeded.</summary>
/// <param name="Retryable">True when sending again may succeed (throttled, server error, unverified).</param>
internal sealed record RecordError(int Index, string Code, string Description, bool Retryable);
