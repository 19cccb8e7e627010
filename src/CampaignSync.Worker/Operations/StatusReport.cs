using System.Text.Json.Serialization;
using CampaignSync.Outbox;

namespace CampaignSync.Operations;

/// <summary>
/// The <c>status --json</c> object: outbox rows and batches by state, the oldest pending row's age, each lane's
/// progress (rows left, finishing rate, time to finish) and the operators' pause switch.
/// </summary>
internal sealed record StatusReport(
    IReadOnlyDictionary<string, long> Outbox,
    IReadOnlyDictionary<string, long> Batches,
    double OldestPendingAgeSeconds,
    IReadOnlyList<LaneProgress> Lanes,
    PauseState Pause)
{
    /// <summary>The final outbox states: a row in one of them will not change again.</summary>
    public static readonly string[] FinalStates = ["succeeded", "failed", "dead", "superseded"];

    [JsonIgnore]
    public long Final => FinalStates.Sum(s => Outbox.GetValueOrDefault(s));

    [JsonIgnore]
    public long Total => Outbox.Values.Sum();
}
