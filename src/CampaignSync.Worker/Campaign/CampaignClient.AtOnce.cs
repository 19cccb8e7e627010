namespace CampaignSync.Campaign;

/// <summary>The upsert calls answered at once (<see cref="UpsertTransport.Single"/> and <see cref="UpsertTransport.Bulk"/>): no request id, no poll.</summary>
internal sealed partial class CampaignClient
{
    /// <inheritdoc/>
    public async Task<CampaignReply<long>> UpsertProfileAsync(UpsertBatch record, CancellationToken cancellationToken)
    {
        var attempt = await SendAtOnceAsync(CampaignEndpoint.SingleUpsert, _options.Paths.Upsert,
            CampaignRequestWriter.WriteSingleUpsert(record), record.Records.Count, cancellationToken);
        if (attempt.Kind == CampaignOutcomeKind.Success)
        {
            return new CampaignReply<long>(CampaignOutcomeKind.Success, attempt.Body?.UpdateCount ?? 0, attempt.Code, attempt.Body?.Description);
        }

        // An undocumented code answered with HTTP 2xx is this record's own failure (3006: the linked record is missing),
        // as the same code on an error-file line would be; it does not stop the pipeline.
        return attempt.Kind == CampaignOutcomeKind.StopAndAlert && attempt.HttpStatus is >= 200 and < 300
            && attempt.Code is { } code && !CampaignErrorCodes.TryGetRow(code, out _)
            ? new CampaignReply<long>(CampaignOutcomeKind.PermanentFailure, 0, code, attempt.Description)
            : Failed<long>(attempt);
    }

    /// <inheritdoc/>
    /// <remarks>An answer without one result a record is <see cref="CampaignOutcomeKind.Ambiguous"/>: the records may have been applied.</remarks>
    public async Task<CampaignReply<IReadOnlyList<CampaignBulkResult>>> UpsertBulkAsync(UpsertBatch batch, CancellationToken cancellationToken)
    {
        var attempt = await SendAtOnceAsync(CampaignEndpoint.BulkUpsert, _options.Paths.BulkUpsert,
            CampaignRequestWriter.WriteBulkUpsert(batch), batch.Records.Count, cancellationToken);
        if (attempt.Kind != CampaignOutcomeKind.Success)
        {
            return Failed<IReadOnlyList<CampaignBulkResult>>(attempt);
        }

        return attempt.Body?.Responses is { } results && results.Count == batch.Records.Count
            ? new CampaignReply<IReadOnlyList<CampaignBulkResult>>(CampaignOutcomeKind.Success, results, attempt.Code, null)
            : new CampaignReply<IReadOnlyList<CampaignBulkResult>>(CampaignOutcomeKind.Ambiguous, null, attempt.Code,
                "The bulk answer does not hold one result a record.");
    }

    private async Task<CampaignAttempt> SendAtOnceAsync(
        CampaignEndpoint endpoint, string path, ReadOnlyMemory<byte> body, int recordCount, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        // Not repeated after a lost answer or a 5xx without a refusal code, as a delete is not: the call may still be
        // applied (see DeleteProfileAsync).
        var attempt = await SendJsonAsync(endpoint, HttpMethod.Post, path, body, repeatSafe: false, cancellationToken);
        var elapsedMs = ElapsedMs(started);
        logger.UpsertAnswered(endpoint, recordCount, attempt.Kind, attempt.HttpStatus, attempt.Code, elapsedMs);
        return attempt;
    }
}
