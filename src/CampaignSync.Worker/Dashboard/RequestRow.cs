namespace CampaignSync.Dashboard;

/// <summary>One request (a <c>campaign_sync.batch</c> row) as the Requests pages show it.</summary>
/// <param name="ErrorLines">Error-file lines that named a record (null until the request completed).</param>
/// <param name="UpdateCount">The API's update-count (null until the request completed).</param>
/// <param name="AnomaliesJson">Error-file lines that did not parse or named no record, as stored (a JSON array).</param>
internal sealed record RequestRow(
    long Id,
    string State,
    string ProfileName,
    string Operation,
    int RecordCount,
    string? RequestId,
    int Polls,
    int? ErrorLines,
    long? UpdateCount,
    bool CountMismatch,
    string? Code,
    string? Description,
    string AnomaliesJson,
    DateTime CreatedAt,
    DateTime? SubmittedAt,
    DateTime? CompletedAt);
