namespace CampaignSync.Simulator.Processing;

/// <summary>One line of an error file: the record at 1-based <paramref name="Index"/> failed with a code.</summary>
internal sealed record ErrorLine(string Code, string Description, int Index);
