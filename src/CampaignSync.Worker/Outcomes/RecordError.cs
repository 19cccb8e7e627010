namespace CampaignSync.Outcomes;

/// <summary>What happened to one record of a request (by its 1-based index); records without one succeeded.</summary>
/// <param name="Retryable">True when sending again may succeed (throttled, server error, unverified).</param>
/// <param name="Skipped">
/// True when Campaign skipped the record by its upsert mode's rule (create-only meeting an existing profile,
/// update-only meeting a missing one): the record succeeded, and <paramref name="Code"/> says why nothing changed.
/// </param>
internal sealed record RecordError(int Index, string Code, string Description, bool Retryable, bool Skipped = false);
