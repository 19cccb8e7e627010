using CampaignSync.Simulator.Inspection;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Processing;

/// <summary>Applies one record the same way for sync, bulk and async calls: key rules first, then the store.</summary>
internal sealed class RecordApplier(ProfileStore store, KeyRuleMatcher rules, SimulatorStats stats)
{
    public RecordOutcome Apply(
        SimulatedProfile profile,
        string key,
        IReadOnlyList<KeyValuePair<string, string>> attributes,
        UpsertMode upsert,
        UpdateLinkMode link)
    {
        var rule = rules.Match(key);
        var outcome = rule is null
            ? store.Upsert(profile, key, attributes, upsert, link)
            : RecordOutcome.Failed(rule.Code, rule.Description);
        Count(outcome);
        return outcome;
    }

    public void Count(RecordOutcome outcome)
    {
        if (outcome.Kind == RecordOutcomeKind.Applied)
        {
            stats.CountApplied();
        }
        else if (outcome.Kind == RecordOutcomeKind.Failed)
        {
            stats.CountFailed();
        }
    }
}
