namespace CampaignSync.Dashboard;

/// <summary>The Overview's counts, read in one statement (<see cref="DashboardSql.Figures"/>).</summary>
/// <param name="EstimatedRows">The planner's estimate of the outbox's size (0 before the first ANALYZE).</param>
/// <param name="OpenRequests">Requests submitting, submitted or polling.</param>
/// <param name="CountMismatches">Requests whose update-count did not match.</param>
/// <param name="StalledRequests">Requests past their deadline that Campaign still reports processing.</param>
internal sealed record OutboxFigures(
    long Pending,
    long InFlight,
    long Failed,
    long Dead,
    double OldestPendingAgeSeconds,
    long EstimatedRows,
    long OpenRequests,
    long CountMismatches,
    long StalledRequests);
