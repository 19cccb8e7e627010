using CampaignSync.Diagnostics;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace CampaignSync.Campaign;

/// <summary>
/// The Webex Campaign profile API over HTTP: maps calls to requests and answers to classified replies, nothing
/// more. Consumes batches and single deletes; produces request ids, statuses and error-file streams.
/// Every call runs through the one shared pipeline (<see cref="CampaignResiliencePipeline"/>); what it may retry
/// depends on whether the call is safe to send twice, which each method states.
/// </summary>
internal sealed partial class CampaignClient(
    HttpClient httpClient,
    ResiliencePipelineProvider<string> pipelines,
    CampaignApiKeys apiKeys,
    IOptions<CampaignOptions> options,
    TimeProvider timeProvider,
    CampaignSyncMetrics metrics,
    ILogger<CampaignClient> logger) : ICampaignClient
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(CampaignDefaults.PipelineKey);
    private readonly CampaignOptions _options = options.Value;
    private readonly ErrorFileUrlRule _errorFileUrls = new(options.Value);

    /// <inheritdoc/>
    /// <remarks>
    /// Not safe to repeat: once the server may have taken the batch, a resend could put two requests for the same
    /// contacts in flight, breaking the one-in-flight-per-contact invariant. So it is resent only after an answer
    /// that proves refusal (429, 1010, 499/500 with a body code, 498 on the other key, a connection that never
    /// opened); a timeout or reset after sending comes back as <see cref="CampaignOutcomeKind.Ambiguous"/>.
    /// </remarks>
    public async Task<CampaignReply<string>> SubmitUpsertBatchAsync(UpsertBatch batch, CancellationToken cancellationToken)
    {
        var body = CampaignRequestWriter.WriteUpsert(batch);
        var started = timeProvider.GetTimestamp();
        var attempt = await SendJsonAsync(CampaignEndpoint.Upsert, HttpMethod.Post, _options.Paths.Upsert, body, repeatSafe: false, cancellationToken);
        var elapsedMs = ElapsedMs(started);

        if (attempt.Kind == CampaignOutcomeKind.Success && !string.IsNullOrWhiteSpace(attempt.Body?.RequestId))
        {
            logger.UpsertSubmitted(batch.Records.Count, attempt.Body.RequestId, elapsedMs);
            return new CampaignReply<string>(CampaignOutcomeKind.Success, attempt.Body.RequestId, null, null);
        }

        // A success without a request id cannot be polled, yet the batch may be in flight: not safe to resend.
        var reply = attempt.Kind == CampaignOutcomeKind.Success
            ? new CampaignReply<string>(CampaignOutcomeKind.Ambiguous, null, null, "The answer has no request-id.")
            : Failed<string>(attempt);
        logger.UpsertNotAccepted(batch.Records.Count, reply.Kind, attempt.HttpStatus, reply.Code, elapsedMs);
        return reply;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A repeated delete leaves the profile deleted, and its answer 1020 counts as success; but a delete whose answer
    /// never came (or a 5xx without a code that proves refusal, which a gateway answers while the service may still
    /// work) is not repeated at once: it may still be applied, after a newer change of the contact sent meanwhile. It
    /// comes back <see cref="CampaignOutcomeKind.Ambiguous"/>, and its row waits for the request's deadline.
    /// </remarks>
    public async Task<CampaignReply<string>> DeleteProfileAsync(ProfileDelete delete, CancellationToken cancellationToken)
    {
        var body = CampaignRequestWriter.WriteDelete(delete);
        var started = timeProvider.GetTimestamp();
        var attempt = await SendJsonAsync(CampaignEndpoint.Delete, HttpMethod.Post, _options.Paths.Delete, body, repeatSafe: false, cancellationToken);
        var code = attempt.Code;
        var elapsedMs = ElapsedMs(started);
        logger.DeleteAnswered(attempt.Kind, attempt.HttpStatus, code, elapsedMs);

        return attempt.Kind == CampaignOutcomeKind.Success
            ? new CampaignReply<string>(CampaignOutcomeKind.Success, attempt.Body?.TransactionId, code, attempt.Body?.Description)
            : Failed<string>(attempt);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Safe to repeat: a read. HTTP 200 with code 1010 means still processing and is a successful call
    /// (<see cref="QueryStatus.IsDone"/> false); any other success is done, with its update count and error file.
    /// </remarks>
    public async Task<CampaignReply<QueryStatus>> GetQueryStatusAsync(string requestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var path = _options.Paths.Status.Replace(CampaignPathOptions.RequestIdPlaceholder, Uri.EscapeDataString(requestId), StringComparison.Ordinal);
        var started = timeProvider.GetTimestamp();
        var attempt = await SendJsonAsync(CampaignEndpoint.Status, HttpMethod.Get, path, body: null, repeatSafe: true, cancellationToken);
        var elapsedMs = ElapsedMs(started);

        if (attempt.Kind != CampaignOutcomeKind.Success)
        {
            var failed = Failed<QueryStatus>(attempt);
            logger.CallFailed(CampaignEndpoint.Status, requestId, failed.Kind, attempt.HttpStatus, failed.Code, elapsedMs);
            return failed;
        }

        var status = attempt.Code == "1010"
            ? new QueryStatus(IsDone: false, UpdateCount: null, ErrorFile: null)
            : new QueryStatus(IsDone: true, attempt.Body?.UpdateCount, NullIfBlank(attempt.Body?.ErrorFile));
        logger.StatusAnswered(requestId, status.IsDone, status.UpdateCount, elapsedMs);
        return new CampaignReply<QueryStatus>(CampaignOutcomeKind.Success, status, attempt.Code, attempt.Body?.Description);
    }

    /// <inheritdoc/>
    /// <remarks>Safe to repeat: a read. 1020 (not found) is a successful answer: the profile does not exist.</remarks>
    public async Task<CampaignReply<ProfileSnapshot>> GetProfileAsync(string profileName, string key, CancellationToken cancellationToken)
    {
        var body = CampaignRequestWriter.WriteGetProfile(profileName, key);
        var attempt = await SendJsonAsync(CampaignEndpoint.GetProfile, HttpMethod.Post, _options.Paths.GetProfile, body, repeatSafe: true, cancellationToken);
        if (attempt.Kind != CampaignOutcomeKind.Success)
        {
            return Failed<ProfileSnapshot>(attempt);
        }

        var attributes = (attempt.Body?.Attributes ?? [])
            .Where(a => !string.IsNullOrEmpty(a.AttributeName))
            .GroupBy(a => a.AttributeName!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last().Val ?? "", StringComparer.Ordinal);
        return new CampaignReply<ProfileSnapshot>(CampaignOutcomeKind.Success,
            new ProfileSnapshot(attempt.Code != "1020", attributes), attempt.Code, attempt.Body?.Description);
    }

    private static CampaignReply<T> Failed<T>(CampaignAttempt attempt) =>
        new(attempt.Kind, default, attempt.Code, attempt.Description)
        {
            RetryAfter = attempt.Kind == CampaignOutcomeKind.Retryable ? attempt.RetryAfter : null,
        };

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private long ElapsedMs(long started) => (long)timeProvider.GetElapsedTime(started).TotalMilliseconds;
}
