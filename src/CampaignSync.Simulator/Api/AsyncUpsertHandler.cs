using System.Globalization;
using CampaignSync.Simulator.Processing;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Api;

/// <summary>
/// Accepts an async upsert (<c>"sync": "2"</c>): checks the whole CSV file at once (any problem is 200/1001 and no
/// request id), then queues it and answers the request id at once.
/// </summary>
internal sealed class AsyncUpsertHandler(
    SimulatorOptions options,
    AsyncRequestRegistry registry,
    AsyncRequestQueue queue,
    TimeProvider timeProvider,
    ILogger<AsyncUpsertHandler> logger)
{
    public IResult Accept(string? file, SimulatedProfile profile, UpsertMode upsert, UpdateLinkMode link)
    {
        if (string.IsNullOrEmpty(file))
        {
            return ApiResults.InvalidInput("file is mandatory when sync is 2");
        }

        var rows = UploadCsvParser.Parse(file, out var parseError);
        if (rows is null)
        {
            return ApiResults.InvalidInput(parseError!);
        }

        var error = CheckHeader(profile, rows) ?? CheckValues(rows, options.MaxValueLength);
        if (error is not null)
        {
            return ApiResults.Error(error);
        }

        var request = new AsyncRequest(
            ApiResults.NewId(), profile, upsert, link, ToRecords(rows), timeProvider.GetUtcNow() + options.ProcessingDelay);
        registry.Accept(request);
        queue.Enqueue(request);
        logger.AsyncRequestAccepted(request.Id, request.Records.Count);
        return ApiResults.Ok(new AsyncAcceptedResponse(request.Id, ApiResults.NewId()), SimulatorJsonContext.Default.AsyncAcceptedResponse);
    }

    private static ApiError? CheckHeader(SimulatedProfile profile, List<List<string>> rows)
    {
        if (rows.Count < 2)
        {
            return new ApiError(CampaignCodes.InvalidInput, "file has no records");
        }

        var header = rows[0];
        if (!string.Equals(header[0], "key", StringComparison.Ordinal))
        {
            return new ApiError(CampaignCodes.InvalidInput, "file header must start with key");
        }

        if (header.Distinct(StringComparer.Ordinal).Count() != header.Count)
        {
            return new ApiError(CampaignCodes.InvalidInput, "file header repeats a column");
        }

        return header.Skip(1).Select(name => RequestChecks.CheckAttributeName(profile, name)).FirstOrDefault(e => e is not null);
    }

    private static ApiError? CheckValues(List<List<string>> rows, int maxLength) =>
        rows.Skip(1).SelectMany(row => row).Select(value => RequestChecks.CheckValue(value, maxLength)).FirstOrDefault(e => e is not null);

    // A line with the wrong number of fields or an empty key fails alone, as an error-file line.
    private static List<ParsedRecord> ToRecords(List<List<string>> rows)
    {
        var header = rows[0];
        var records = new List<ParsedRecord>(rows.Count - 1);
        for (var index = 1; index < rows.Count; index++)
        {
            var row = rows[index];
            ErrorLine? error = null;
            if (row.Count != header.Count)
            {
                error = new ErrorLine(CampaignCodes.InvalidInput, string.Create(
                    CultureInfo.InvariantCulture, $"Expected {header.Count} fields, found {row.Count}"), index);
            }
            else if (row[0].Length == 0)
            {
                error = new ErrorLine(CampaignCodes.InvalidInput, "key is mandatory", index);
            }

            var attributes = error is null
                ? header.Skip(1).Zip(row.Skip(1), KeyValuePair.Create).ToList()
                : [];
            records.Add(new ParsedRecord(index, row[0], attributes, error));
        }

        return records;
    }
}
