namespace CampaignSync.Benchmark;

/// <summary>One outbox row as the one-job-per-record baseline sends it (init properties: Dapper maps text[] by setter).</summary>
internal sealed record BaselineRow
{
    public required long Id { get; init; }
    public required string ProfileName { get; init; }
    public required string ProfileKey { get; init; }
    public required string Operation { get; init; }
    public required string AttributesJson { get; init; }
    public required short UpsertMode { get; init; }
    public required short UpdateLink { get; init; }
    public required string[] Exparams { get; init; }
}
