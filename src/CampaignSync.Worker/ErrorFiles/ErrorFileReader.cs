using CampaignSync.Campaign;
using CampaignSync.Outcomes;
using Microsoft.Extensions.Options;

namespace CampaignSync.ErrorFiles;

/// <summary>
/// Reads a request's error file as it streams in (never whole) and maps each line to its record by index. A line
/// that cannot be read, or whose index is outside the batch, is kept as an anomaly and makes the report uncertain;
/// a repeated index is kept as an anomaly too (the first line wins). A line's code decides whether its record may
/// be retried, through the one code table.
/// </summary>
internal sealed class ErrorFileReader(IOptions<CampaignOptions> campaignOptions)
{
    /// <exception cref="ErrorFileRejectedException">The file broke a limit (lines here; bytes and time in its stream).</exception>
    public async Task<ErrorFileReport> ReadAsync(Stream stream, int recordCount, CancellationToken cancellationToken)
    {
        var options = campaignOptions.Value;
        var indexBase = options.ErrorFileIndexBase;
        var errors = new List<RecordError>();
        var anomalies = new List<ErrorFileAnomaly>();
        var seen = new HashSet<int>();
        var uncertain = false;
        await foreach (var entry in ErrorFileParser.ParseAsync(stream, options.ErrorFileMaxLines, cancellationToken))
        {
            switch (entry)
            {
                case ErrorLine line when !line.TryGetRecordOffset(indexBase, recordCount, out _):
                    anomalies.Add(line.ToOutOfRangeAnomaly(indexBase, recordCount));
                    uncertain = true;
                    break;
                case ErrorLine line:
                    line.TryGetRecordOffset(indexBase, recordCount, out var offset);
                    if (seen.Add(offset))
                    {
                        errors.Add(new RecordError(offset + 1, line.Code, line.Description, IsRetryable(line.Code)));
                    }
                    else
                    {
                        anomalies.Add(new ErrorFileAnomaly(line.LineNumber, "The record's index is repeated; the first line counts.",
                            ErrorFileAnomaly.Truncate($"{line.Code},{line.Description},{line.Index}")));
                    }

                    break;
                case ErrorFileAnomaly anomaly:
                    anomalies.Add(anomaly);
                    uncertain = true;
                    break;
            }
        }

        return new ErrorFileReport(errors, anomalies, errors.Count, uncertain);
    }

    private static bool IsRetryable(string code) =>
        CampaignErrorCodes.Classify(CampaignEndpoint.Upsert, 200, code) is CampaignOutcomeKind.Retryable or CampaignOutcomeKind.Ambiguous;
}
