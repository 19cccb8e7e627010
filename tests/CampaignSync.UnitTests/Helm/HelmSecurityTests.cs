using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignSync.Campaign;
using CampaignSync.Crm;
using CampaignSync.Dashboard;

namespace CampaignSync.UnitTests.Helm;

/// <summary>
/// The chart's security rules (issue 15), read from the templates without a helm binary: the dashboard is reached
/// over TLS unless that is waived by a value, every secret option of the worker comes from a Secret through a
/// secretKeyRef and none renders into the ConfigMap, the trial Secret is an ordinary release resource, and request
/// logging stays at Warning.
/// </summary>
[Trait("Category", "Helm")]
public sealed partial class HelmSecurityTests
{
    /// <summary>Settings read by the OpenTelemetry exporter itself that may carry a credential (an API key header).</summary>
    private const string OtlpHeaders = "OTEL_EXPORTER_OTLP_HEADERS";

    [Fact]
    public void Ingress_without_TLS_fails_rendering_with_a_message_unless_plain_http_is_waived()
    {
        var ingress = ChartFiles.Read("templates/ingress.yaml");
        var values = ChartFiles.Values();

        var guard = TlsGuard().Match(ingress);

        Assert.True(guard.Success, "ingress.yaml must fail when ingress.tls.enabled is false and ingress.tls.allowPlainHttp is not set");
        Assert.Contains("ingress.tls.enabled", guard.Groups["message"].Value, StringComparison.Ordinal);
        Assert.Contains("ingress.tls.allowPlainHttp", guard.Groups["message"].Value, StringComparison.Ordinal);
        Assert.False(values["ingress"]!["tls"]!["allowPlainHttp"]!.GetValue<bool>());
    }

    [Fact]
    public void Notes_print_the_dashboard_over_https()
    {
        var notes = ChartFiles.Read("templates/NOTES.txt");

        Assert.Contains("https://{{ .Values.ingress.host }}{{ .Values.ingress.path }}", notes, StringComparison.Ordinal);
        Assert.DoesNotContain("http{{", notes, StringComparison.Ordinal);
    }

    [Fact]
    public void Trial_secret_is_an_ordinary_release_resource_and_the_migration_hook_does_not_need_it()
    {
        var secret = ChartFiles.Read("templates/secret.yaml");
        var job = ChartFiles.Read("templates/migration-job.yaml");
        var helpers = ChartFiles.Read("templates/_helpers.tpl");

        // A hook resource is not part of the release: `helm uninstall` leaves it behind with the plain values inside.
        Assert.DoesNotContain("helm.sh/hook", secret, StringComparison.Ordinal);
        // Hooks run before the release's resources exist, so a pre-install Job could not read that Secret.
        Assert.StartsWith("{{- if eq (include \"campaign-sync.migrationHook\" .) \"true\" }}", job, StringComparison.Ordinal);
        Assert.Matches(@"define ""campaign-sync.migrationHook"".*\n.*and \.Values\.migration\.enabled \(not \.Values\.secrets\.create\)", helpers);
    }

    [Fact]
    public void Every_secret_option_of_the_worker_comes_from_a_secretKeyRef_and_none_renders_into_the_ConfigMap()
    {
        var fromSecret = SecretKeyRefEnv().Matches(ChartFiles.Read("templates/deployment.yaml") + ChartFiles.Read("templates/_helpers.tpl"))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var configMap = ChartFiles.Read("templates/configmap.yaml");
        var secretOptions = SecretOptions().Append("ConnectionStrings__Postgres").Append(OtlpHeaders).ToList();

        Assert.Contains("Campaign__SecondaryApiKey", secretOptions);
        Assert.Contains("Crm__Token", secretOptions);
        Assert.Contains("Dashboard__ViewerPassword", secretOptions);
        Assert.Contains("Dashboard__ClientSecret", secretOptions);
        var notFromSecret = secretOptions.Where(n => !fromSecret.Contains(n)).ToList();
        var inConfigMap = secretOptions.Where(n => configMap.Contains(n, StringComparison.Ordinal)).ToList();
        Assert.True(notFromSecret.Count == 0, $"not from a secretKeyRef: {string.Join(", ", notFromSecret)}");
        Assert.True(inConfigMap.Count == 0, $"in the ConfigMap: {string.Join(", ", inConfigMap)}");
    }

    [Fact]
    public void Every_secret_key_has_a_trial_value_and_the_trial_secret_renders_each()
    {
        var keys = (JsonObject)ChartFiles.Values()["secrets"]!["keys"]!;
        var trial = (JsonObject)ChartFiles.Values()["secrets"]!["values"]!;
        var secret = ChartFiles.Read("templates/secret.yaml");

        Assert.Equal(keys.Select(k => k.Key).Order(StringComparer.Ordinal), trial.Select(k => k.Key).Order(StringComparer.Ordinal));
        // Each key by name: the required ones alone, the optional ones in the list the template walks.
        var unrendered = keys.Select(k => k.Key)
            .Where(k => !secret.Contains($".Values.secrets.keys.{k}", StringComparison.Ordinal) && !secret.Contains($"\"{k}\"", StringComparison.Ordinal))
            .ToList();
        Assert.True(unrendered.Count == 0, $"not in the trial Secret: {string.Join(", ", unrendered)}");
    }

    [Theory]
    [InlineData("Campaign__SecondaryApiKey")]
    [InlineData("Crm__Token")]
    [InlineData("Dashboard__ViewerPassword")]
    [InlineData("Dashboard__ClientSecret")]
    [InlineData(OtlpHeaders)]
    [InlineData("ConnectionStrings__Postgres")]
    public void Schema_refuses_a_secret_setting_in_extraEnv_which_renders_into_the_ConfigMap(string name)
    {
        var values = ChartFiles.Values();
        values["config"]!["extraEnv"] = new JsonObject { [name] = "planted-secret-value" };

        var (valid, _) = ChartFiles.Validate(values);

        Assert.False(valid, $"config.extraEnv.{name} was accepted");
    }

    [Fact]
    public void Schema_accepts_an_ordinary_setting_in_extraEnv()
    {
        var values = ChartFiles.Values();
        values["config"]!["extraEnv"] = new JsonObject { ["Campaign__RequestsPerSecond"] = "20" };

        var (valid, errors) = ChartFiles.Validate(values);

        Assert.True(valid, errors);
    }

    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting")]
    [InlineData("Microsoft.AspNetCore.Routing")]
    public void Chart_keeps_request_logging_at_the_request_log_level_Warning_by_default(string category)
    {
        var configMap = ChartFiles.Read("templates/configmap.yaml");

        Assert.Contains($"Logging__LogLevel__{category}: {{{{ .Values.config.requestLogLevel | quote }}}}", configMap, StringComparison.Ordinal);
        Assert.Equal("Warning", ChartFiles.Values()["config"]!["requestLogLevel"]!.GetValue<string>());
    }

    [Fact]
    public void Dashboard_sign_in_mode_and_its_settings_come_from_values()
    {
        var configMap = ChartFiles.Read("templates/configmap.yaml");

        Assert.Contains("Dashboard__Mode: {{ .Values.config.dashboard.mode | quote }}", configMap, StringComparison.Ordinal);
        Assert.Contains("Dashboard__Authority", configMap, StringComparison.Ordinal);
        Assert.Contains("Dashboard__KnownNetworks", configMap, StringComparison.Ordinal);
    }

    /// <summary>The environment names of the worker's secret options: string properties named like a credential.</summary>
    private static IEnumerable<string> SecretOptions()
    {
        (string Section, Type Type)[] sections =
        [
            (CampaignOptions.SectionName, typeof(CampaignOptions)),
            (CrmOptions.SectionName, typeof(CrmOptions)),
            (DashboardAccessOptions.SectionName, typeof(DashboardAccessOptions)),
        ];
        return sections.SelectMany(s => s.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && SecretName().IsMatch(p.Name))
            .Select(p => $"{s.Section}__{p.Name}"));
    }

    [GeneratedRegex(@"(ApiKey|Password|Token|Secret|Username)$")]
    private static partial Regex SecretName();

    [GeneratedRegex(@"- name: (?<name>\S+)\s+valueFrom:\s+secretKeyRef:")]
    private static partial Regex SecretKeyRefEnv();

    [GeneratedRegex(@"if and \.Values\.ingress\.enabled \(not \.Values\.ingress\.tls\.enabled\) \(not \.Values\.ingress\.tls\.allowPlainHttp\) \}\}\s*\{\{- fail ""(?<message>[^""]+)""")]
    private static partial Regex TlsGuard();
}
