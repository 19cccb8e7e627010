using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CampaignSync.UnitTests.Helm;

/// <summary>
/// The chart's PrometheusRule (issue 14), rendered without a helm binary: only when enabled, the alerts an on-call
/// engineer needs, each complete and documented in the chart's README. That every metric an expression names is one
/// the worker exports is checked against a running worker (MetricsEndpointTests in the integration tests).
/// </summary>
[Trait("Category", "Helm")]
public sealed partial class PrometheusRuleTests
{
    private const string Template = "templates/prometheusrule.yaml";

    private static readonly string[] Alerts =
    [
        "CampaignSyncBacklogGrowing", "CampaignSyncOldestPendingRowOld", "CampaignSyncDeadRowsRising", "CampaignSyncRequestsStalled",
        "CampaignSyncCircuitOpen", "CampaignSyncPausedForLong", "CampaignSyncNoClaimsWhilePending", "CampaignSyncCampaignErrors",
        "CampaignSyncRecordsFailing", "CampaignSyncSlowDelivery",
    ];

    [Fact]
    public void The_rule_is_off_by_default_and_renders_only_when_enabled()
    {
        var values = ChartFiles.Values();
        var text = ChartFiles.Read(Template);

        Assert.False(values["prometheusRule"]!["enabled"]!.GetValue<bool>());
        Assert.StartsWith("{{- if .Values.prometheusRule.enabled }}", text, StringComparison.Ordinal);
        Assert.EndsWith("{{- end }}", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void Enabled_it_renders_a_PrometheusRule_with_every_alert_complete()
    {
        var values = ChartFiles.Values();
        values["prometheusRule"]!["enabled"] = true;
        values["prometheusRule"]!["oldestPendingAgeSeconds"] = 1234;

        var rule = (JsonObject)ChartFiles.ParseYaml(Render(ChartFiles.Read(Template), values))!;

        Assert.Equal("monitoring.coreos.com/v1", rule["apiVersion"]!.GetValue<string>());
        Assert.Equal("PrometheusRule", rule["kind"]!.GetValue<string>());
        var rules = rule["spec"]!["groups"]!.AsArray().SelectMany(g => g!["rules"]!.AsArray()).Select(r => (JsonObject)r!).ToList();
        Assert.Equal(Alerts.Order(StringComparer.Ordinal), rules.Select(r => r["alert"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(rules, r =>
        {
            var name = r["alert"]!.GetValue<string>();
            Assert.False(string.IsNullOrWhiteSpace(r["expr"]?.GetValue<string>()), name);
            Assert.Matches(@"^\d+[smh]$", r["for"]?.GetValue<string>() ?? "");
            Assert.Contains(r["labels"]?["severity"]?.GetValue<string>(), new[] { "warning", "critical" });
            Assert.False(string.IsNullOrWhiteSpace(r["annotations"]?["summary"]?.GetValue<string>()), name);
            Assert.False(string.IsNullOrWhiteSpace(r["annotations"]?["description"]?.GetValue<string>()), name);
        });
        Assert.Contains("> 1234", rules.Single(r => r["alert"]!.GetValue<string>() == "CampaignSyncOldestPendingRowOld")["expr"]!.GetValue<string>(),
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_readme_explains_every_alert()
    {
        var readme = ChartFiles.Read("README.md");

        Assert.All(Alerts, alert => Assert.Contains($"`{alert}`", readme, StringComparison.Ordinal));
    }

    [Fact]
    public void Pods_log_one_JSON_object_per_line_by_default()
    {
        var values = ChartFiles.Values();
        var configMap = ChartFiles.Read("templates/configmap.yaml");

        Assert.Equal("json", values["config"]!["logFormat"]!.GetValue<string>());
        Assert.Contains("Logging__Console__FormatterName: {{ .Values.config.logFormat | quote }}", configMap, StringComparison.Ordinal);
    }

    /// <summary>
    /// The little of Helm's template language the rule uses: lines holding only an action (if, end, with, an include
    /// of the labels) are dropped, an include is the release name, and <c>.Values</c> paths take their value (quoted
    /// when piped to <c>quote</c>).
    /// </summary>
    private static string Render(string template, JsonObject values)
    {
        var lines = template.Split('\n').Where(l => !ActionLine().IsMatch(l));
        var text = string.Join('\n', lines);
        text = Include().Replace(text, "campaign-sync");
        return ValueAction().Replace(text, m =>
        {
            var node = m.Groups["path"].Value.Split('.', StringSplitOptions.RemoveEmptyEntries).Aggregate((JsonNode?)values, (n, key) => n?[key]);
            Assert.True(node is not null, $"{m.Value} has no value");
            var value = node is JsonValue scalar && scalar.TryGetValue<string>(out var s) ? s : node.ToJsonString();
            return m.Groups["quote"].Success ? $"\"{value}\"" : value;
        });
    }

    [GeneratedRegex(@"^\s*\{\{-[^}]*\}\}\s*$")]
    private static partial Regex ActionLine();

    [GeneratedRegex(@"\{\{ include ""[^""]+"" \. \}\}")]
    private static partial Regex Include();

    [GeneratedRegex(@"\{\{ \.Values(?<path>(\.[A-Za-z_][A-Za-z0-9_]*)+)(?<quote> \| quote)? \}\}")]
    private static partial Regex ValueAction();
}
