namespace CampaignSync.Outbox;

/// <summary>A claimed row that passed the worker's validation, with its attributes parsed.</summary>
/// <param name="SendAlone">True when the row was unfolded from a refused record: it is never folded with another row.</param>
internal sealed record ValidChange(
    long Id,
    string ProfileName,
    string ProfileKey,
    ChangeOperation Operation,
    IReadOnlyDictionary<string, string?> Attributes,
    short UpsertMode,
    short UpdateLink,
    IReadOnlyList<string> Exparams,
    bool SendAlone = false)
{
    /// <summary>Where the row folds among its contact's rows: its id, or for a replay row the id of what it replays.</summary>
    public long Position { get; init; } = Id;
}
