namespace CampaignSync.Campaign;

/// <summary>
/// The tenant's rate budget that every replica shares (<see cref="PostgresRateBudget"/>): each Campaign call takes a
/// slot before it is sent, and a <c>Retry-After</c> answered to one replica holds them all.
/// </summary>
internal interface ICampaignRateBudget
{
    /// <summary>Takes the next free slot.</summary>
    Task<RateSlot> ReserveAsync(CancellationToken cancellationToken);

    /// <summary>No replica takes a slot before <paramref name="retryAfter"/> from now (Campaign answered 429 with it).</summary>
    Task HoldOffAsync(TimeSpan retryAfter, CancellationToken cancellationToken);
}
