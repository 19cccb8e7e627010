namespace CampaignSync.Outbox;

/// <summary>A claimed row that passed the worker's validation, with its attributes parsed.</summary>
internal sealed record ValidChange(
    long Id,
    string ProfileName,
    string ProfileKey,
    ChangeOperation Operation,
    IReadOnlyDictionary<string, string?> Attributes,
    short UpsertMode,
    short UpdateLink,
    IReadOnlyList<string> Exparams)
{
    /// <summary>Where the row folds among its contact's rows: its id, or for a replay row the id of what it replays.</summary>
    public long Position { get; init; } = Id;
}
