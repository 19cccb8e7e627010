namespace CampaignSync.Submission;

/// <summary>One record of a batch: its 1-based index, its key and the attributes (JSON) of its newest row.</summary>
internal sealed record BatchRecord(int Index, string Key, string AttributesJson);
