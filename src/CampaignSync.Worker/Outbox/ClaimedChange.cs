namespace CampaignSync.Outbox;

/// <summary>One pending outbox row of a contact this replica holds under <see cref="Fence"/>.</summary>
/// <remarks>
/// Properties rather than a positional record: Dapper reads <c>text[]</c> as <see cref="Array"/> and matches
/// constructors by exact type, but assigns properties by conversion.
/// </remarks>
internal sealed record ClaimedChange
{
    public required long Id { get; init; }

    /// <summary>Where the row folds among its contact's rows: its id, or for a replay row the id of what it replays.</summary>
    public required long Position { get; init; }

    public required string ProfileName { get; init; }

    public required string ProfileKey { get; init; }

    public required string Operation { get; init; }

    /// <summary>
    /// The row's attributes as written (a JSON object; validated before use), or null when they are longer than
    /// Outbox:MaxAttributeBytes.
    /// </summary>
    public required string? AttributesJson { get; init; }

    /// <summary>The length of the attributes as JSON text, in bytes.</summary>
    public int AttributeBytes { get; init; }

    public required short UpsertMode { get; init; }

    public required short UpdateLink { get; init; }

    public required string[] Exparams { get; init; }

    /// <summary>How many times the row was sent before this claim.</summary>
    public required int Attempts { get; init; }

    /// <summary>True when the row was unfolded from a refused record and must be sent as a record of its own.</summary>
    public bool SendAlone { get; init; }

    /// <summary>The row's lane (<see cref="OutboxLane"/>).</summary>
    public string Lane { get; init; } = OutboxLane.Live;

    public required long Fence { get; init; }
}
