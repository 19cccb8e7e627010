namespace CampaignSync.Outcomes;

/// <summary>What happened to one record of a request (by its 1-based index); records without one succeeded.</summary>
/// <param name="Retryable">True when sending again may succeed (throttled, server error, unverified).</param>
/// <param name="Skipped">
/// True when Campaign skipped the record by its upsert mode's rule (create-only meeting an existing profile,
/// update-only meeting a missing one): the record succeeded, and <paramref name="Code"/> says why nothing changed.
/// </param>
/// <param name="Refused">
/// True when the record provably never reached Campaign (an open circuit, 430/405/498, a refused submit): it costs
/// no attempt but counts one refusal, and <c>Outbox:MaxRefusals</c> of them make the row dead.
/// </param>
/// <param name="Unanswered">
/// True when the record's call got no answer it could trust (a write answered at once: a timeout, a reset, a 5xx without a refusal code): it
/// may still be applied, so its row is not sent again before the request's deadline, and meanwhile no newer row of its
/// contact passes it (a dead row keeps its contact's hold until then).
/// </param>
internal sealed record RecordError(
    int Index, string Code, string Description, bool Retryable, bool Skipped = false, bool Refused = false, bool Unanswered = false)
{
    public const string SkippedExists = "skipped_exists";
    public const string SkippedMissing = "skipped_missing";

    /// <summary>A record Campaign left alone by its upsert mode: update-only (2) met no profile, create-only (0) met one.</summary>
    public static RecordError SkippedByMode(int index, short upsertMode) => upsertMode == 2
        ? new RecordError(index, SkippedMissing, "update only: the profile does not exist, so Campaign left it alone", Retryable: false, Skipped: true)
        : new RecordError(index, SkippedExists, "create only: the profile exists, so Campaign left it alone", Retryable: false, Skipped: true);
}
