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
    IReadOnlyList<long> RowIds);
