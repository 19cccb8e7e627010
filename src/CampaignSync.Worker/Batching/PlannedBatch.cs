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
    IReadOnlyList<ContactOperation> Records)
{
    /// <summary>The lane of the batch's contacts (<see cref="OutboxLane"/>): live when any row of a contact is live.</summary>
    public string Lane { get; init; } = OutboxLane.Live;
}
