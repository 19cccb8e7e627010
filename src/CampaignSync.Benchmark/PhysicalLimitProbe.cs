using System.Diagnostics;
using Dapper;
using Npgsql;

namespace CampaignSync.Benchmark;

/// <summary>
/// The physical limit: what Postgres alone does for the same rows with nothing of the worker's design in the way. A
/// copy of the loaded outbox in a table of the same columns with only its primary key and a pending index, drained by
/// one server-side procedure that claims 5,000 rows by keyset with FOR UPDATE SKIP LOCKED, marks them claimed, then
/// final, and commits every round. No client round trips, no holds, no history.
/// </summary>
internal static class PhysicalLimitProbe
{
    public const int RoundSize = 5_000;

    private const string Prepare = """
        drop schema if exists campaign_sync_probe cascade;
        create schema campaign_sync_probe;
        create table campaign_sync_probe.outbox (like campaign_sync.outbox including defaults);
        insert into campaign_sync_probe.outbox select * from campaign_sync.outbox;
        alter table campaign_sync_probe.outbox add primary key (id);
        create index on campaign_sync_probe.outbox (id) where state = 'pending';
        create procedure campaign_sync_probe.drain(round_size int)
        language plpgsql as $$
        declare
            last_id bigint := 0;
            ids bigint[];
        begin
            loop
                select array_agg(id order by id) into ids
                from (select id from campaign_sync_probe.outbox
                      where state = 'pending' and id > last_id
                      order by id limit round_size
                      for update skip locked) c;
                exit when ids is null;
                update campaign_sync_probe.outbox
                set state = 'claimed', available_at = now() + interval '5 minutes', record_index = 0
                where id = any(ids);
                update campaign_sync_probe.outbox
                set state = 'succeeded', attempts = attempts + 1, completed_at = now()
                where id = any(ids);
                last_id := ids[array_length(ids, 1)];
                commit;
            end loop;
        end;
        $$;
        """;

    /// <summary>Copies the loaded rows and drains them; returns the rows, the time and Postgres's CPU for the drain.</summary>
    public static async Task<(long Rows, TimeSpan Elapsed, TimeSpan PostgresCpu)> RunAsync(NpgsqlDataSource dataSource,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(Prepare, commandTimeout: 0, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("vacuum analyze campaign_sync_probe.outbox", commandTimeout: 0, cancellationToken: cancellationToken));
        var rows = await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync_probe.outbox");
        var postgres = await PostgresCpu.OfServerAsync(connection, cancellationToken);
        var cpuBefore = postgres.Read();
        var clock = Stopwatch.StartNew();
        await connection.ExecuteAsync(new CommandDefinition("call campaign_sync_probe.drain(@round_size)", new { round_size = RoundSize },
            commandTimeout: 0, cancellationToken: cancellationToken));
        var elapsed = clock.Elapsed;
        var cpu = postgres.Read() - cpuBefore;
        var left = await connection.ExecuteScalarAsync<long>("select count(*) from campaign_sync_probe.outbox where state <> 'succeeded'");
        await connection.ExecuteAsync("drop schema campaign_sync_probe cascade");
        return left == 0
            ? (rows, elapsed, cpu)
            : throw new InvalidOperationException($"The physical-limit probe left {left:N0} rows unfinished.");
    }
}
