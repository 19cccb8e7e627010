namespace CampaignSync.Campaign;

/// <summary>Reads that describe the tenant rather than a contact: the profile metadata and the calls of <c>check</c>.</summary>
internal sealed partial class CampaignClient
{
    /// <inheritdoc/>
    /// <remarks>Safe to repeat: a read. An answer that is not a list of profiles is a failure.</remarks>
    public async Task<CampaignReply<IReadOnlyList<CampaignProfileMetadata>>> GetProfileMetadataAsync(CancellationToken cancellationToken)
    {
        var attempt = await SendJsonAsync(CampaignEndpoint.Metadata, HttpMethod.Get, _options.Paths.Metadata, body: null, repeatSafe: true, cancellationToken);
        if (attempt.Kind != CampaignOutcomeKind.Success)
        {
            return Failed<IReadOnlyList<CampaignProfileMetadata>>(attempt);
        }

        return attempt.Body?.Profiles is { } profiles
            ? new CampaignReply<IReadOnlyList<CampaignProfileMetadata>>(CampaignOutcomeKind.Success, profiles, attempt.Code, null)
            : new CampaignReply<IReadOnlyList<CampaignProfileMetadata>>(CampaignOutcomeKind.StopAndAlert, null, attempt.Code,
                "The metadata answer is not a list of profiles.");
    }

    /// <inheritdoc/>
    public Task<CampaignAttempt> SendCheckAsync(CampaignEndpoint endpoint, HttpMethod method, string path, ReadOnlyMemory<byte>? body,
        int keySlot, CancellationToken cancellationToken) =>
        ExecuteAsync(new JsonCall(endpoint, method, Resolve(path), body, apiKeys.KeyOf(keySlot), RepeatSafe: true), cancellationToken);
}
