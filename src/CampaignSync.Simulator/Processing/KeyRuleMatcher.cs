using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CampaignSync.Simulator.Processing;

/// <summary>Finds the first <see cref="KeyFailureRule"/> (from the live options) whose pattern matches a key.</summary>
internal sealed class KeyRuleMatcher(SimulatorOptions options)
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public KeyFailureRule? Match(string key)
    {
        foreach (var rule in options.KeyFailureRules.ToArray())
        {
            var regex = _patterns.GetOrAdd(rule.KeyPattern, static pattern => new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout));
            if (regex.IsMatch(key))
            {
                return rule;
            }
        }

        return null;
    }
}
