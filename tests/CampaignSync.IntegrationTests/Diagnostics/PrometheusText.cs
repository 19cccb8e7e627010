using System.Globalization;
using System.Text.RegularExpressions;

namespace CampaignSync.IntegrationTests.Diagnostics;

/// <summary>A scraped Prometheus text exposition, read into series: name, labels, value.</summary>
internal sealed partial class PrometheusText(string text)
{
    private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> _series = Parse(text);

    public string Text { get; } = text;

    /// <summary>The sum over the series of <paramref name="name"/> whose labels include every given pair.</summary>
    public double Sum(string name, params (string Key, string Value)[] labels) =>
        _series.Where(s => s.Name == name && labels.All(l => s.Labels.GetValueOrDefault(l.Key) == l.Value)).Sum(s => s.Value);

    public bool Has(string name) => _series.Any(s => s.Name == name);

    /// <summary>The distinct series names, e.g. <c>campaign_sync_records_total</c> and a histogram's <c>_bucket</c>, <c>_count</c>, <c>_sum</c>.</summary>
    public IReadOnlySet<string> Names => _series.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

    private static List<(string, Dictionary<string, string>, double)> Parse(string text)
    {
        var series = new List<(string, Dictionary<string, string>, double)>();
        foreach (var line in text.Split('\n'))
        {
            var match = SeriesLine().Match(line);
            if (!match.Success)
            {
                continue;
            }

            var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
            series.Add((match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture)));
        }

        return series;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)")]
    private static partial Regex SeriesLine();

    [GeneratedRegex(@"(\w+)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
