using Npgsql;
using NpgsqlTypes;

namespace CampaignSync.Operations;

/// <summary>
/// Loads changes into the outbox with one binary COPY inside one transaction (raw Npgsql: Dapper has no COPY).
/// Unless invalid lines may be skipped, the first bad line stops the writing (the rest is still read, so every bad
/// line is reported) and the transaction rolls back: a broken file loads nothing. The insert trigger's NOTIFY wakes
/// the workers at commit. The only caller of <see cref="EnqueueSql"/>.
/// </summary>
internal sealed class EnqueueStore(NpgsqlDataSource dataSource)
{
    /// <summary>Loads every change of <paramref name="records"/> in <paramref name="lane"/> (<see cref="Outbox.OutboxLane"/>).</summary>
    public async Task<EnqueueResult> LoadAsync(IEnumerable<(CsvChange? Change, CsvRejection? Rejection)> records, string lane, bool skipInvalid,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rejections = new List<CsvRejection>();
        long valid = 0;
        await using (var importer = await connection.BeginBinaryImportAsync(EnqueueSql.CopyIn, cancellationToken))
        {
            foreach (var (change, rejection) in records)
            {
                if (rejection is not null)
                {
                    rejections.Add(rejection);
                    continue;
                }

                valid++;
                if (skipInvalid || rejections.Count == 0)
                {
                    await WriteAsync(importer, change!, lane, cancellationToken);
                }
            }

            await importer.CompleteAsync(cancellationToken);
        }

        if (rejections.Count > 0 && !skipInvalid)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new EnqueueResult(valid, 0, rejections);
        }

        await transaction.CommitAsync(cancellationToken);
        return new EnqueueResult(valid, valid, rejections);
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter importer, CsvChange change, string lane, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken);
        await importer.WriteAsync(change.ProfileName, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(change.ProfileKey, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(change.Operation, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(change.AttributesJson, NpgsqlDbType.Jsonb, cancellationToken);
        await importer.WriteAsync(change.UpsertMode, NpgsqlDbType.Smallint, cancellationToken);
        await importer.WriteAsync(change.UpdateLink, NpgsqlDbType.Smallint, cancellationToken);
        await importer.WriteAsync(change.Exparams, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(change.Source, NpgsqlDbType.Text, cancellationToken);
        await importer.WriteAsync(lane, NpgsqlDbType.Text, cancellationToken);
    }
}
