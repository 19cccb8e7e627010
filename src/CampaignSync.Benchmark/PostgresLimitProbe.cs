using System.Diagnostics;
using CampaignSync.Outbox;

namespace CampaignSync.Benchmark;

/// <summary>
/// The Postgres-only limit: the worker's own claim (<see cref="OutboxStore.ClaimAsync"/>: keyset, SKIP LOCKED, contact
/// holds, the pending rows of each claimed contact) followed by one set-based write-back per claim, in a loop, until
/// nothing is pending. No HTTP, no fold, no worker: what the database alone allows for the same rows.
/// </summary>
internal sealed class PostgresLimitProbe(OutboxStore outbox, BenchmarkStore store)
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Drains every pending row; returns how many rows were written back and how long it took.</summary>
    public async Task<(long Rows, TimeSpan Elapsed)> DrainAsync(int claimSize, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        long rows = 0;
        var cursor = ClaimCursor.Start;
        while (true)
        {
            var claimed = await outbox.ClaimAsync(cursor, claimSize, claimSize, Lease, cancellationToken);
            if (claimed.Count == 0)
            {
                if (cursor == ClaimCursor.Start)
                {
                    return (rows, clock.Elapsed);
                }

                cursor = ClaimCursor.Start;
                continue;
            }

            // The same keyset rule as SyncWorker: move past the last contact while claims come back full.
            cursor = cursor.Next(claimed, claimSize, liveOnly: false);
            await store.SucceedClaimedAsync(claimed.Select(c => c.Id).ToArray(), claimed[0].Fence, cancellationToken);
            rows += claimed.Count;
        }
    }
}
