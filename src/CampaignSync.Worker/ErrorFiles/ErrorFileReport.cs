using System.Text.Json;
using CampaignSync.Outcomes;

namespace CampaignSync.ErrorFiles;

/// <summary>
/// What one request's error file says: the failed records (by 1-based index in the batch), the lines that could not
/// be read or placed, and whether those leave the other records' results in doubt.
/// </summary>
/// <param name="Lines">Readable error lines that point into the batch.</param>
/// <param name="Uncertain">True when a line could not be read or placed: some record's failure may be unknown.</param>
internal sealed record ErrorFileReport(IReadOnlyList<RecordError> Errors, IReadOnlyList<ErrorFileAnomaly> Anomalies, int Lines, bool Uncertain)
{
    /// <summary>
    /// At most this many anomalies are kept, in memory and on the batch row, then one that counts the rest
    /// (<see cref="ErrorFileReader"/>).
    /// </summary>
    public const int MaxStoredAnomalies = 100;

    public static ErrorFileReport Empty { get; } = new([], [], 0, false);

    /// <summary>
    /// A file that was not read, or not to its end (<see cref="Campaign.ErrorFileRejectedException"/>): no record is
    /// blamed, every record's result is uncertain, and <paramref name="reason"/> is the batch's one anomaly.
    /// </summary>
    public static ErrorFileReport Rejected(string reason) => new([], [new ErrorFileAnomaly(0, reason, string.Empty)], 0, Uncertain: true);

    /// <summary>The anomalies as the batch row's JSON array.</summary>
    public string AnomaliesJson() => JsonSerializer.Serialize(
        Anomalies.Select(a => new StoredAnomaly(a.LineNumber, a.Reason, a.RawText)).ToList(),
        ErrorFilesJsonContext.Default.ListStoredAnomaly);
}
