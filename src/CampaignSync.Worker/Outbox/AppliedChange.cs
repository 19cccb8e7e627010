namespace CampaignSync.Outbox;

/// <summary>
/// A row Campaign already applied (succeeded, or superseded into a record that succeeded), read back to fold a late
/// row beneath it.
/// </summary>
internal sealed record AppliedChange
{
    /// <summary>The row's fold position: its id, or for a replay row the id of the row it replays.</summary>
    public required long Id { get; init; }

    public required string ProfileName { get; init; }

    public required string ProfileKey { get; init; }

    public required string Operation { get; init; }

    public required string AttributesJson { get; init; }

    public required short UpdateLink { get; init; }
}
