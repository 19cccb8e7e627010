using CampaignSync.Outbox;

namespace CampaignSync.Folding;

/// <summary>
/// The one record sent for a contact in this round: the fold of its rows <see cref="RowIds"/> (insertion order;
/// the last one carries the outcome, the others are superseded by it).
/// </summary>
internal sealed record ContactOperation(
    string ProfileName,
    string ProfileKey,
    ChangeOperation Operation,
    short UpsertMode,
    short UpdateLink,
    IReadOnlyList<string> Exparams,
    IReadOnlyDictionary<string, string?> Attributes,
    IReadOnlyList<long> RowIds)
{
    /// <summary>
    /// Set when this record is a delete that committed late, below upserts Campaign already applied: the row that
    /// puts their values back after the delete, written to the outbox with the request (see <see cref="LateRowFolder"/>).
    /// </summary>
    public ReplayRow? Replay { get; init; }
}
