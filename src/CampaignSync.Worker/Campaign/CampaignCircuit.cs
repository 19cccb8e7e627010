namespace CampaignSync.Campaign;

/// <summary>
/// Whether this process's Campaign circuit breaker refuses calls (open, or half-open until a trial call closes it),
/// set by the breaker's own callbacks, for the circuit gauge. Not Polly's state provider: a provider may serve one
/// breaker only, and the pipeline registry may build the pipeline twice when its first callers race.
/// </summary>
internal sealed class CampaignCircuit
{
    private volatile bool _open;

    public bool IsOpen => _open;

    public void Opened() => _open = true;

    public void Closed() => _open = false;
}
