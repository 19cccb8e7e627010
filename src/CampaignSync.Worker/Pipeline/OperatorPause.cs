using CampaignSync.Operations;


namespace CampaignSync.Pipeline;

/// <summary>
/// The operators' pause switch as the pipeline reads it: before each claim round and before each submit, so that
/// once <c>pause</c> commits no replica claims or sends; polls of requests already sent go on (they only read). Read
/// from Postgres every time (one row by primary key), never cached: a replica that missed a change cannot act on it.
/// Logs when this replica first sees the switch change.
/// </summary>
internal sealed class OperatorPause(PauseSwitchStore store, ILogger<OperatorPause> logger)
{
    private int _lastSeen = -1;

    public async Task<bool> IsOnAsync(CancellationToken cancellationToken)
    {
        var state = await store.ReadAsync(cancellationToken);
        var seen = state.Paused ? 1 : 0;
        var before = Interlocked.Exchange(ref _lastSeen, seen);
        if (before != seen && (before != -1 || state.Paused))
        {
            if (state.Paused)
            {
                logger.PausedByOperator(state.ActionId);
            }
            else
            {
                logger.ResumedByOperator(state.ActionId);
            }
        }

        return state.Paused;
    }
}
