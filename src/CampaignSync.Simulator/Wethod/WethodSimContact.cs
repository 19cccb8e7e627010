namespace CampaignSync.Simulator.Wethod;

/// <summary>A contact of the simulated CRM, in the API's field names (snake_case on the wire).</summary>
public sealed record WethodSimContact
{
    public long Id { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public long? ClientId { get; init; }

    public string? Email { get; init; }

    public string? Name { get; init; }

    public string? Surname { get; init; }

    public string? Role { get; init; }

    public string? Notes { get; init; }

    public string? Linkedin { get; init; }

    public string? Description { get; init; }

    public string? Telephone { get; init; }
}
