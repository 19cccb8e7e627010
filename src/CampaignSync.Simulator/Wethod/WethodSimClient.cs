namespace CampaignSync.Simulator.Wethod;

/// <summary>A client (customer company) of the simulated CRM. Soft-deleted, as the real ones are: <see cref="DeletedAt"/>.</summary>
public sealed record WethodSimClient
{
    public long Id { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? DeletedAt { get; init; }

    public string? CorporateName { get; init; }

    public string? Acronym { get; init; }

    public string? Town { get; init; }

    public string? Country { get; init; }

    public string? Website { get; init; }
}
