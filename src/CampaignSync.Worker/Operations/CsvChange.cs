namespace CampaignSync.Operations;

/// <summary>One valid line of an <c>enqueue --csv</c> file, in the outbox's contract columns.</summary>
internal sealed record CsvChange(
    string ProfileName,
    string ProfileKey,
    string Operation,
    string AttributesJson,
    short UpsertMode,
    short UpdateLink,
    string[] Exparams,
    string Source);
