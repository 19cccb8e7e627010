namespace CampaignSync.Outcomes;

/// <summary>
/// How a request ended, as written back to its rows in one statement.
/// <see cref="Errors"/> name single records; <see cref="Default"/>, when set, applies to every record without one
/// (a request that failed as a whole); otherwise those records succeeded.
/// </summary>
internal sealed record BatchVerdict(
    string BatchState,
    IReadOnlyList<RecordError> Errors,
    RecordError? Default = null)
{
    /// <summary>Every record of the request ends the same way; <paramref name="refused"/> when nothing reached Campaign.</summary>
    public static BatchVerdict All(string batchState, string code, string description, bool retryable, bool refused = false) =>
        new(batchState, [], new RecordError(0, code, description, retryable, Refused: refused));
}
