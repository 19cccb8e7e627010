namespace CampaignSync.Operations;

/// <summary>
/// What <c>plan</c> prints (<see cref="OutboxPlan"/>): what the next claim of each due contact would send, found by the
/// worker's own validation, metadata check, fold and batch planner, with nothing claimed or written.
/// </summary>
/// <param name="Scope">What the numbers cover, in words.</param>
/// <param name="Contacts">Due contacts no claim or request holds.</param>
/// <param name="Rows">Their pending rows the claims would read (at most Outbox:MaxRowsPerContact a contact).</param>
/// <param name="Records">Records sent: one per contact with anything to send.</param>
/// <param name="RowsFolded">Rows folded into a newer row's record (superseded when it succeeds).</param>
/// <param name="RowsCovered">Late rows that rows Campaign already applied cover entirely (superseded, not sent).</param>
/// <param name="RowsLeft">Rows left pending for a later round: after a delete, a change of mode, or a row sent alone.</param>
/// <param name="RequestCount">API requests, all lanes and profiles.</param>
/// <param name="Bytes">The planner's upper estimate of the requests' CSV, in bytes.</param>
/// <param name="Requests">The requests by lane, profile, operation and modes.</param>
/// <param name="Failures">Rows that would fail without being sent, with the reason.</param>
internal sealed record PlanReport(
    string Scope,
    int Contacts,
    int Rows,
    int Records,
    int RowsFolded,
    int RowsCovered,
    int RowsLeft,
    int RequestCount,
    long Bytes,
    IReadOnlyList<PlannedRequests> Requests,
    IReadOnlyList<PlannedFailure> Failures);

/// <summary>Requests that share lane, profile, operation and modes (the modes of a delete are null: it has none).</summary>
internal sealed record PlannedRequests(string Lane, string Profile, string Operation, short? UpsertMode, short? UpdateLink, int Requests, int Records, long Bytes);

/// <summary>An outbox row that would fail at once, with the code and reason the worker would record.</summary>
internal sealed record PlannedFailure(long Id, string Profile, string Code, string Reason);
