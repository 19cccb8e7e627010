namespace CampaignSync.Outbox;

/// <summary>
/// How far a lane is from drained: its unfinished rows (pending or in flight), the rows it finished over the last
/// <see cref="LaneProgressReader.Window"/> as a rate, and the time to finish at that rate (null while nothing finished).
/// </summary>
internal sealed record LaneProgress(string Lane, long RowsLeft, double RowsPerSecond)
{
    public double? EtaSeconds => RowsLeft == 0 ? 0 : RowsPerSecond > 0 ? Math.Round(RowsLeft / RowsPerSecond, 1) : null;
}
