using CampaignSync.Folding;
using CampaignSync.Outbox;

namespace CampaignSync.Batching;

/// <summary>
/// Records that go in one API request: they share profile, operation, modes, exparams and attribute names.
/// A record's index in the request is its position in <see cref="Records"/> plus one.
/// </summary>
internal sealed record PlannedBatch(
    string ProfileName,
    ChangeOperation Operation,
    short UpsertMode,
    short UpdateLink,
    IReadOnlyList<string> Exparams,
    IReadOnlyList<string> AttributeNames,
    IReadOnlyList<ContactOperation> Records);
