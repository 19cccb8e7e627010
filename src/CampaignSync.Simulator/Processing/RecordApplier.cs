using CampaignSync.Simulator.Inspection;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Processing;

/// <summary>Applies one record the same way for sync, bulk and async calls: key and value rules first, then the store.</summary>
internal sealed class RecordApplier(ProfileStore store, KeyRuleMatcher rules, SimulatorStats stats, SimulatorOptions options)
{
    public RecordOutcome Apply(
        SimulatedProfile profile,
        string key,
        IReadOnlyList<KeyValuePair<string, string>> attributes,
        UpsertMode upsert,
        UpdateLinkMode link)
    {
        var outcome = (rules.Match(key), rules.Match(attributes)) switch
        {
            ({ } keyRule, _) => RecordOutcome.Failed(keyRule.Code, keyRule.Description),
            (_, { } valueRule) => RecordOutcome.Failed(valueRule.Code, valueRule.Description),
            _ => store.Upsert(profile, key, Applied(attributes), upsert, link),
        };
        Count(outcome);
        return outcome;
    }

    // With EmptyValues.Ignore an empty value leaves its attribute alone, as if the record did not carry it.
    private IReadOnlyList<KeyValuePair<string, string>> Applied(IReadOnlyList<KeyValuePair<string, string>> attributes) =>
        options.EmptyValues == EmptyValues.Ignore ? attributes.Where(a => a.Value.Length > 0).ToList() : attributes;

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
