namespace CampaignSync.Outbox;

/// <summary>One outbox row, claimed by this replica under <see cref="Fence"/>.</summary>
/// <param name="AttributesJson">The row's attributes as written (a JSON object; validated before use).</param>
/// <param name="Attempts">How many times the row was sent before this claim.</param>
internal sealed record ClaimedChange(
    long Id,
    string ProfileName,
    string ProfileKey,
    string Operation,
    string AttributesJson,
    short UpsertMode,
    short UpdateLink,
    string[] Exparams,
    int Attempts,
    long Fence);
