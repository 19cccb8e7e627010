using CampaignSync.Outbox;
using Dapper;
using Npgsql;

namespace CampaignSync.Dashboard;

/// <summary>Reads what the Campaign Sync pages show; the only caller of <see cref="DashboardSql"/>.</summary>
internal sealed class DashboardStore(NpgsqlDataSource dataSource)
{
    /// <summary>Rows per page of the Requests list, a request's records, and a failure group.</summary>
    public const int PageSize = 50;

    /// <summary>The most failure groups, recent actions and mismatched requests a page lists.</summary>
    public const int ListLimit = 25;

    /// <summary>The most rows of one contact the timeline shows, newest first.</summary>
    public const int ContactRowLimit = 100;

    /// <summary>
    /// Below this estimated outbox size the finished states are counted exactly; above it, counting them would read
    /// the whole table on every page view, so the Overview shows the estimate.
    /// </summary>
    public const long ExactCountLimit = 200_000;

    public async Task<(OutboxFigures Figures, FinishedCounts? Finished)> FiguresAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var figures = await connection.QuerySingleAsync<OutboxFigures>(Command(DashboardSql.Figures, null, cancellationToken));
        var finished = figures.EstimatedRows < ExactCountLimit
            ? await connection.QuerySingleAsync<FinishedCounts>(Command(DashboardSql.FinishedCounts, null, cancellationToken))
            : null;
        return (figures, finished);
    }

    public async Task<IReadOnlyList<LaneProgress>> LanesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LaneProgressReader.ReadAsync(connection, cancellationToken);
    }

    public Task<IReadOnlyList<MinuteCount>> RecordsPerMinuteAsync(CancellationToken cancellationToken) =>
        ListAsync<MinuteCount>(DashboardSql.RecordsPerMinute, null, cancellationToken);

    public Task<IReadOnlyList<RequestRow>> MismatchesAsync(CancellationToken cancellationToken) =>
        ListAsync<RequestRow>(DashboardSql.Mismatches, new { limit = ListLimit }, cancellationToken);

    /// <summary>One page of requests, newest first, with ids below <paramref name="before"/>.</summary>
    public Task<IReadOnlyList<RequestRow>> RequestsAsync(long before, CancellationToken cancellationToken) =>
        ListAsync<RequestRow>(DashboardSql.Requests, new { before, limit = PageSize + 1 }, cancellationToken);

    public async Task<RequestRow?> RequestAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<RequestRow>(Command(DashboardSql.Request, new { id }, cancellationToken));
    }

    /// <summary>One page of a request's records with outbox ids above <paramref name="after"/>.</summary>
    public Task<IReadOnlyList<RequestRecord>> RequestRecordsAsync(long id, long after, CancellationToken cancellationToken) =>
        ListAsync<RequestRecord>(DashboardSql.RequestRecords, new { id, after, limit = PageSize + 1 }, cancellationToken);

    public Task<IReadOnlyList<FailureGroup>> FailureGroupsAsync(CancellationToken cancellationToken) =>
        ListAsync<FailureGroup>(DashboardSql.FailureGroups, new { limit = ListLimit }, cancellationToken);

    /// <summary>One page of a group's rows, newest first, after the row <paramref name="before"/> (0: the first page).</summary>
    public Task<IReadOnlyList<FailedRow>> GroupRowsAsync(string code, string description, long before, CancellationToken cancellationToken) =>
        ListAsync<FailedRow>(DashboardSql.GroupRows, new { code, description, before, limit = PageSize + 1 }, cancellationToken);

    /// <summary>The code and description of the group the failed or dead row <paramref name="row"/> is in; null when it is in none.</summary>
    public async Task<(string Code, string Description)?> GroupOfRowAsync(long row, CancellationToken cancellationToken)
    {
        var groups = await ListAsync<(string Code, string Description)>(DashboardSql.GroupOfRow, new { row }, cancellationToken);
        return groups.Count == 0 ? null : groups[0];
    }

    /// <summary>The profile name and key of the row <paramref name="row"/>; null when there is no such row.</summary>
    public async Task<(string Profile, string Key)?> ContactOfRowAsync(long row, CancellationToken cancellationToken)
    {
        var contacts = await ListAsync<(string Profile, string Key)>(DashboardSql.ContactOfRow, new { row }, cancellationToken);
        return contacts.Count == 0 ? null : contacts[0];
    }

    public Task<IReadOnlyList<OperatorActionEntry>> RecentActionsAsync(CancellationToken cancellationToken) =>
        ListAsync<OperatorActionEntry>(DashboardSql.RecentActions, new { limit = ListLimit }, cancellationToken);

    public async Task<(IReadOnlyList<ContactRow> Rows, IReadOnlyList<ContactEvent> Events)> ContactAsync(string profile, string key,
        CancellationToken cancellationToken)
    {
        var rows = await ListAsync<ContactRow>(DashboardSql.ContactRows, new { profile, key, limit = ContactRowLimit }, cancellationToken);
        var events = rows.Count == 0
            ? []
            : await ListAsync<ContactEvent>(DashboardSql.ContactEvents, new { ids = rows.Select(r => r.Id).ToArray() }, cancellationToken);
        return (rows, events);
    }

    private async Task<IReadOnlyList<T>> ListAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(Command(sql, parameters, cancellationToken))).AsList();
    }

    private static CommandDefinition Command(string sql, object? parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, cancellationToken: cancellationToken);
}
