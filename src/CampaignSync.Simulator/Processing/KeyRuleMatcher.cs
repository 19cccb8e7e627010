using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace CampaignSync.Simulator.Processing;

/// <summary>
/// Finds the first <see cref="KeyFailureRule"/> (from the live options) whose pattern matches a key, and the first
/// <see cref="ValueFailureRule"/> that matches one of the record's values.
/// </summary>
internal sealed class KeyRuleMatcher(SimulatorOptions options)
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    public KeyFailureRule? Match(string key)
    {
        foreach (var rule in options.KeyFailureRules.ToArray())
        {
            if (Regex(rule.KeyPattern).IsMatch(key))
            {
                return rule;
            }
        }

        return null;
    }

    /// <summary>The first value rule that one of <paramref name="attributes"/> breaks (empty values never do).</summary>
    public ValueFailureRule? Match(IReadOnlyList<KeyValuePair<string, string>> attributes)
    {
        foreach (var rule in options.ValueFailureRules.ToArray())
        {
            foreach (var (name, value) in attributes)
            {
                if (value.Length > 0 && string.Equals(name, rule.AttributeName, StringComparison.Ordinal) && Regex(rule.ValuePattern).IsMatch(value))
                {
                    return rule;
                }
            }
        }

        return null;
    }

    private Regex Regex(string pattern) =>
        _patterns.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.CultureInvariant, MatchTimeout));
}
