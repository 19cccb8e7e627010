using System.Globalization;
using CampaignSync.Campaign;
using CampaignSync.Outcomes;
using Microsoft.Extensions.Options;

namespace CampaignSync.ErrorFiles;

/// <summary>
/// Reads a request's error file as it streams in (never whole) and maps each line to its record by index. Whatever
/// leaves a record's result in doubt makes the report uncertain and blames no record: a line that cannot be read, an
/// index outside the batch, a last line without its line break (it may be cut short), one index given two different
/// codes (neither is kept), more lines than records. A repeated identical line is noted only. At most
/// <see cref="ErrorFileReport.MaxStoredAnomalies"/> anomalies are kept, then one that counts the rest; errors are at
/// most one per record. A line's code decides whether its record may be retried, through the one code table.
/// </summary>
internal sealed class ErrorFileReader(IOptions<CampaignOptions> campaignOptions)
{
    /// <exception cref="ErrorFileRejectedException">The file broke a limit (lines here; bytes and time in its stream).</exception>
    public async Task<ErrorFileReport> ReadAsync(Stream stream, int recordCount, CancellationToken cancellationToken)
    {
        var options = campaignOptions.Value;
        var indexBase = options.ErrorFileIndexBase;
        var errors = new List<RecordError>();
        var firstLine = new Dictionary<int, ErrorLine>();
        var conflicting = new HashSet<int>();
        var anomalies = new List<ErrorFileAnomaly>();
        var notKept = 0L;
        var readable = 0L;
        var uncertain = false;

        void Note(ErrorFileAnomaly anomaly)
        {
            if (anomalies.Count < ErrorFileReport.MaxStoredAnomalies)
            {
                anomalies.Add(anomaly);
            }
            else
            {
                notKept++;
            }
        }

        await foreach (var entry in ErrorFileParser.ParseAsync(stream, options.ErrorFileMaxLines, cancellationToken))
        {
            switch (entry)
            {
                case ErrorLine line when !line.TryGetRecordOffset(indexBase, recordCount, out _):
                    readable++;
                    Note(line.ToOutOfRangeAnomaly(indexBase, recordCount));
                    uncertain = true;
                    break;
                case ErrorLine line:
                    readable++;
                    line.TryGetRecordOffset(indexBase, recordCount, out var offset);
                    if (firstLine.TryAdd(offset, line))
                    {
                        errors.Add(new RecordError(offset + 1, line.Code, line.Description, IsRetryable(line.Code)));
                    }
                    else if (firstLine[offset] is var first && first.Code == line.Code && first.Description == line.Description)
                    {
                        Note(Repeated(line, "The record's index is repeated with the same code; the line is counted once."));
                    }
                    else
                    {
                        Note(Repeated(line, "The record's index is repeated with a different code: neither line is trusted."));
                        conflicting.Add(offset + 1);
                        uncertain = true;
                    }

                    break;
                case ErrorFileAnomaly anomaly:
                    Note(anomaly);
                    uncertain = true;
                    break;
            }
        }

        if (readable > recordCount)
        {
            Note(new ErrorFileAnomaly(0, string.Create(CultureInfo.InvariantCulture,
                $"The file has {readable} error lines for a batch of {recordCount} records."), string.Empty));
            uncertain = true;
        }

        if (notKept > 0)
        {
            anomalies.Add(new ErrorFileAnomaly(0, string.Create(CultureInfo.InvariantCulture, $"{notKept} more anomalies were not kept."), string.Empty));
        }

        var trusted = conflicting.Count == 0 ? errors : errors.FindAll(e => !conflicting.Contains(e.Index));
        return new ErrorFileReport(trusted, anomalies, trusted.Count, uncertain);
    }

    private static ErrorFileAnomaly Repeated(ErrorLine line, string reason) =>
        new(line.LineNumber, reason, ErrorFileAnomaly.Truncate(string.Create(CultureInfo.InvariantCulture, $"{line.Code},{line.Description},{line.Index}")));

    private static bool IsRetryable(string code) =>
        CampaignErrorCodes.Classify(CampaignEndpoint.Upsert, 200, code) is CampaignOutcomeKind.Retryable or CampaignOutcomeKind.Ambiguous;
}
