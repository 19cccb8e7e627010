namespace CampaignSync.Outcomes;

/// <summary>What the status API and the error file said about a request, recorded on its batch row.</summary>
/// <param name="AnomaliesJson">A JSON array of error-file lines that could not be read or placed.</param>
internal sealed record BatchFacts(long? UpdateCount, int? ErrorLines, bool CountMismatch, string AnomaliesJson)
{
    public static BatchFacts None { get; } = new(null, null, false, "[]");
}
