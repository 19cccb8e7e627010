namespace CampaignSync.Campaign;

/// <summary>
/// The Webex Campaign profile API as the pipeline uses it (docs/campaign-api.md).
/// Every method returns a classified <see cref="CampaignReply{T}"/> instead of throwing for API codes;
/// only cancellation and an open circuit surface as exceptions.
/// An open circuit throws Polly's <see cref="Polly.CircuitBreaker.BrokenCircuitException"/> (its <c>RetryAfter</c>
/// says when the breaker lets a probe through) rather than returning a reply: nothing was sent, so it is always
/// safe to try again later, and the caller should pause the whole stage, not fail one record.
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

    /// <summary>
    /// Creates or updates the one record of <paramref name="record"/> with the documented sync call and returns its
    /// <c>update-count</c> (0: Campaign skipped it by its mode's rule, or did not apply its values). Repeated inside the
    /// client only when refused for sure (no connection, or a body code that proves it: 429, 1010, 499, 500): a call
    /// whose answer was lost, or a 5xx without such a code, may still be applied, and comes back
    /// <see cref="CampaignOutcomeKind.Ambiguous"/>.
    /// </summary>
    Task<CampaignReply<long>> UpsertProfileAsync(UpsertBatch record, CancellationToken cancellationToken);

    /// <summary>
    /// Creates or updates up to 100 records with the documented bulk call and returns one result a record, in request
    /// order. A whole-request failure (1001 when any entry is invalid) comes back as the reply's kind and code. Repeated
    /// only when refused for sure, like <see cref="UpsertProfileAsync"/>.
    /// </summary>
    Task<CampaignReply<IReadOnlyList<CampaignBulkResult>>> UpsertBulkAsync(UpsertBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes one profile by key; 1020 (already gone) counts as success. Repeated only when refused for sure, like
    /// <see cref="UpsertProfileAsync"/>.
    /// </summary>
    Task<CampaignReply<string>> DeleteProfileAsync(ProfileDelete delete, CancellationToken cancellationToken);

    /// <summary>
    /// Reads one profile by key (Get contact profile, sync). A profile that does not exist (1020) is a successful
    /// answer with <see cref="ProfileSnapshot.Exists"/> false. Safe to repeat.
    /// </summary>
    Task<CampaignReply<ProfileSnapshot>> GetProfileAsync(string profileName, string key, CancellationToken cancellationToken);

    /// <summary>Reads the status of an async request. Safe to repeat.</summary>
    Task<CampaignReply<QueryStatus>> GetQueryStatusAsync(string requestId, CancellationToken cancellationToken);

    /// <summary>
    /// Opens the error file as a stream (headers read, body not buffered). The caller disposes it. Safe to repeat.
    /// <paramref name="errorFile"/> is an absolute URL or a path relative to the base URL. The stream throws
    /// <see cref="ErrorFileRejectedException"/> past the byte limit or a timeout of <see cref="CampaignOptions"/>.
    /// </summary>
    /// <exception cref="ErrorFileRejectedException">The URL, or a redirect, is refused by <see cref="ErrorFileUrlRule"/>, or the headers did not arrive within the error file's total timeout.</exception>
    /// <exception cref="HttpRequestException">The file could not be fetched (a non-2xx answer or a transport failure after retries).</exception>
    /// <exception cref="Polly.Timeout.TimeoutRejectedException">No headers arrived within the total timeout.</exception>
    Task<Stream> OpenErrorFileAsync(string errorFile, CancellationToken cancellationToken);

    /// <summary>Reads every profile with its attributes and their data types (the metadata call). Safe to repeat.</summary>
    Task<CampaignReply<IReadOnlyList<CampaignProfileMetadata>>> GetProfileMetadataAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sends one call that changes nothing with the given key (slot 0 or 1), never switching keys, and returns what it
    /// came to: for <c>check</c>, which must judge each key and each path on its own.
    /// </summary>
    Task<CampaignAttempt> SendCheckAsync(CampaignEndpoint endpoint, HttpMethod method, string path, ReadOnlyMemory<byte>? body,
        int keySlot, CancellationToken cancellationToken);
}
