namespace CampaignSync.Campaign;

/// <summary>
/// The Webex Campaign profile API as the pipeline uses it (shared/docs/webex-campaign-api.md).
/// Every method returns a classified <see cref="CampaignReply{T}"/> instead of throwing for API codes;
/// only cancellation and an open circuit surface as exceptions.
/// </summary>
internal interface ICampaignClient
{
    /// <summary>
    /// Sends one upsert batch in async mode (<c>"sync": "2"</c>, records as CSV in <c>file</c>) and returns the
    /// request id. Not safe to repeat once the server may have accepted it: a lost answer would leave two
    /// requests in flight for the same contacts, so only answers that prove non-acceptance (429, 1010,
    /// connection refused) are retried inside.
    /// </summary>
    Task<CampaignReply<string>> SubmitUpsertBatchAsync(UpsertBatch batch, CancellationToken cancellationToken);

    /// <summary>Deletes one profile by key. Safe to repeat: a second delete answers 1020, which counts as success.</summary>
    Task<CampaignReply<string>> DeleteProfileAsync(ProfileDelete delete, CancellationToken cancellationToken);

    /// <summary>Reads the status of an async request. Safe to repeat.</summary>
    Task<CampaignReply<QueryStatus>> GetQueryStatusAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the error file as a stream (headers read, body not buffered). The caller disposes it. Safe to repeat.
    /// <paramref name="errorFile"/> is an absolute URL or a path relative to the base URL.
    /// </summary>
    Task<Stream> OpenErrorFileAsync(string errorFile, CancellationToken cancellationToken);
}
