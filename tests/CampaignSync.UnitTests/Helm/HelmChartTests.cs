using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CampaignSync.Batching;
using CampaignSync.Campaign;
using CampaignSync.Crm;
using CampaignSync.Dashboard;
using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.Outbox;
using CampaignSync.Polling;
using CampaignSync.Submission;

namespace CampaignSync.UnitTests.Helm;

/// <summary>
/// The chart's consistency, checked without a helm binary (issue 8): templates use only values that exist in
/// values.yaml and in values.schema.json, the schema accepts the defaults and rejects wrong types, every value is
/// documented, the README's examples fit, and every setting the chart passes names a real option.
/// </summary>
[Trait("Category", "Helm")]
public sealed partial class HelmChartTests
{
    [Fact]
    public void Every_values_path_used_in_a_template_exists_in_values_yaml_and_in_the_schema()
    {
        var values = ChartFiles.Values();
        var schema = ChartFiles.SchemaDocument();
        var paths = ChartFiles.TemplateFiles()
            .SelectMany(f => ValuesReference().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Path: m.Groups["path"].Value)))
            .Distinct()
            .ToList();

        var missingInValues = paths.Where(p => ValueAt(values, p.Path) is null).Select(p => $"{p.File}: .Values{p.Path}").ToList();
        var missingInSchema = paths.Where(p => SchemaAt(schema, p.Path) is null).Select(p => $"{p.File}: .Values{p.Path}").ToList();

        Assert.True(paths.Count > 40, $"only {paths.Count} .Values references found: is the pattern still right?");
        Assert.Empty(missingInValues);
        Assert.Empty(missingInSchema);
    }

    [Fact]
    public void Schema_accepts_the_default_values()
    {
        var (valid, errors) = ChartFiles.Validate(ChartFiles.Values());

        Assert.True(valid, errors);
    }

    [Theory]
    [InlineData("replicaCount", "\"two\"")]
    [InlineData("replicaCount", "-1")]
    [InlineData("image.tag", "5")]
    [InlineData("image.pullPolicy", "\"Sometimes\"")]
    [InlineData("secrets.create", "\"yes\"")]
    [InlineData("secrets.existingSecret", "null")]
    [InlineData("config.outbox.claimSize", "\"5000\"")]
    [InlineData("config.outbox.roundsInFlight", "17")]
    [InlineData("config.outbox.leaseDuration", "\"5m\"")]
    [InlineData("config.batching.maxRecords", "10001")]
    [InlineData("config.extraEnv", "{\"Campaign__RequestsPerSecond\": 20}")]
    [InlineData("probes.readiness.periodSeconds", "0")]
    [InlineData("terminationGracePeriodSeconds", "3601")]
    [InlineData("podDisruptionBudget.enabled", "1")]
    [InlineData("autoscaling.targetPendingRows", "\"many\"")]
    [InlineData("replicas", "2")]
    [InlineData("config.outbox.claimsize", "5000")]
    public void Schema_rejects_a_wrong_type_or_unknown_key(string path, string json)
    {
        var values = ChartFiles.Values();
        var segments = path.Split('.');
        var parent = segments[..^1].Aggregate((JsonNode)values, (node, key) => node[key]!);
        parent[segments[^1]] = JsonNode.Parse(json);

        var (valid, _) = ChartFiles.Validate(values);

        Assert.False(valid, $"{path} = {json} was accepted");
    }

    [Fact]
    public void Every_value_in_values_yaml_has_a_comment_and_a_schema_description()
    {
        var schema = ChartFiles.SchemaDocument();
        var undocumented = new List<string>();
        var lines = ChartFiles.Read("values.yaml").Split('\n');
        var parents = new List<(int Indent, string Key)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var match = KeyLine().Match(lines[i]);
            if (!match.Success)
            {
                continue;
            }

            var indent = match.Groups["indent"].Length;
            parents.RemoveAll(p => p.Indent >= indent);
            var path = string.Concat(parents.Select(p => "." + p.Key)) + "." + match.Groups["key"].Value;
            parents.Add((indent, match.Groups["key"].Value));
            var node = SchemaAt(schema, path);
            if (node is null)
            {
                // Inside a free-form map (resources, securityContext, ...), documented as a whole by its parent.
                continue;
            }

            var isSection = node["properties"] is not null;
            var commented = i > 0 && lines[i - 1].TrimStart().StartsWith('#');
            if ((!isSection && !commented) || node["description"] is null && !isSection)
            {
                undocumented.Add(path);
            }
        }

        Assert.Empty(undocumented);
    }

    [Fact]
    public void Readme_examples_use_only_keys_of_the_values_file_and_pass_the_schema()
    {
        var blocks = ChartFiles.ReadmeYamlBlocks();
        var values = ChartFiles.Values();
        var problems = new List<string>();

        foreach (var (block, index) in blocks.Select((b, i) => (b, i)))
        {
            var example = (JsonObject)ChartFiles.ParseYaml(block)!;
            foreach (var (path, leaf) in Leaves(example, ""))
            {
                var value = ValueAt(values, path);
                if (value is null && !IsFreeForm(ChartFiles.SchemaDocument(), path))
                {
                    problems.Add($"example {index + 1}: {path} is not in values.yaml");
                }
                else if (value is not null && leaf is not null && Kind(value) != Kind(leaf))
                {
                    problems.Add($"example {index + 1}: {path} is a {Kind(leaf)}, values.yaml has a {Kind(value)}");
                }
            }

            var (valid, errors) = ChartFiles.Validate(Merge(ChartFiles.Values(), example));
            if (!valid)
            {
                problems.Add($"example {index + 1}: {errors}");
            }
        }

        Assert.True(blocks.Count >= 3, $"README.md has {blocks.Count} yaml examples");
        Assert.Empty(problems);
    }

    [Fact]
    public void Only_the_migrate_hook_gets_the_migrators_login_and_it_comes_from_the_secret()
    {
        var withMigrator = ChartFiles.TemplateFiles()
            .Where(f => File.ReadAllText(f).Contains("ConnectionStrings__Migrator", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();
        var job = ChartFiles.Read(Path.Combine("templates", "migration-job.yaml"));

        Assert.Equal(["migration-job.yaml"], withMigrator);
        Assert.Matches(@"ConnectionStrings__Migrator\s+valueFrom:\s+secretKeyRef:\s+name: [^\n]+\s+key: \{\{ \.Values\.secrets\.keys\.migratorConnectionString \}\}", job);
    }

    [Fact]
    public void Every_setting_the_chart_passes_names_an_option_of_the_worker()
    {
        var sections = new Dictionary<string, Type>
        {
            [OutboxOptions.SectionName] = typeof(OutboxOptions),
            [BatchingOptions.SectionName] = typeof(BatchingOptions),
            [SubmissionOptions.SectionName] = typeof(SubmissionOptions),
            [PollingOptions.SectionName] = typeof(PollingOptions),
            [CampaignOptions.SectionName] = typeof(CampaignOptions),
            [ShutdownOptions.SectionName] = typeof(ShutdownOptions),
            ["Database"] = typeof(DatabaseOptions),
            [DashboardAccessOptions.SectionName] = typeof(DashboardAccessOptions),
            [CrmOptions.SectionName] = typeof(CrmOptions),
            [KeyRingOptions.SectionName] = typeof(KeyRingOptions),
        };
        // Read by ASP.NET Core itself or by the connection-string convention.
        string[] external = ["ASPNETCORE_ENVIRONMENT", "ASPNETCORE_HTTP_PORTS", "Logging__LogLevel__Default",
            "Logging__Console__FormatterName", "Logging__Console__FormatterOptions__IncludeScopes",
            "Logging__Console__FormatterOptions__UseUtcTimestamp", "Logging__Console__FormatterOptions__TimestampFormat",
            "Logging__LogLevel__Microsoft.AspNetCore.Hosting", "Logging__LogLevel__Microsoft.AspNetCore.Routing",
            "ConnectionStrings__Postgres", "ConnectionStrings__Migrator"];
        var names = ChartFiles.TemplateFiles()
            .SelectMany(f => EnvironmentName().Matches(File.ReadAllText(f)).Select(m => m.Groups["name"].Value))
            .Distinct()
            .ToList();

        var unknown = names.Where(n => !external.Contains(n) && !IsOption(n)).ToList();

        Assert.Contains("Outbox__ClaimSize", names);
        Assert.Contains("Campaign__ApiKey", names);
        Assert.Empty(unknown);

        bool IsOption(string name)
        {
            var parts = name.Split("__");
            return parts.Length == 2 && sections.TryGetValue(parts[0], out var type)
                && type.GetProperty(parts[1], BindingFlags.Public | BindingFlags.Instance) is not null;
        }
    }

    [Fact]
    public void Chart_appVersion_is_the_worker_version_the_image_is_tagged_with()
    {
        var chart = (JsonObject)ChartFiles.ParseYaml(ChartFiles.Read("Chart.yaml"))!;
        var project = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "src", "CampaignSync.Worker", "CampaignSync.Worker.csproj"));

        Assert.Equal(ProjectVersion().Match(project).Groups["version"].Value, chart["appVersion"]!.GetValue<string>());
    }

    private static JsonNode? ValueAt(JsonNode root, string path)
    {
        var node = (JsonNode?)root;
        foreach (var key in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is not JsonObject map || !map.TryGetPropertyValue(key, out node))
            {
                return null;
            }
        }

        // A key whose value is null still exists; return a marker node for it.
        return node ?? JsonValue.Create("(null)");
    }

    private static JsonNode? SchemaAt(JsonObject schema, string path)
    {
        var node = (JsonNode?)schema;
        foreach (var key in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node?["properties"]?[key];
        }

        return node;
    }

    /// <summary>True when some parent of <paramref name="path"/> is a map the schema leaves open (resources, annotations, extraEnv).</summary>
    private static bool IsFreeForm(JsonObject schema, string path)
    {
        var keys = path.Split('.', StringSplitOptions.RemoveEmptyEntries);
        for (var length = keys.Length - 1; length > 0; length--)
        {
            var node = SchemaAt(schema, "." + string.Join('.', keys[..length]));
            if (node is not null)
            {
                return node["properties"] is null;
            }
        }

        return false;
    }

    private static JsonValueKind Kind(JsonNode node) => node.GetValueKind() is JsonValueKind.False ? JsonValueKind.True : node.GetValueKind();

    private static IEnumerable<(string Path, JsonNode? Leaf)> Leaves(JsonObject node, string prefix) =>
        node.SelectMany(p => p.Value is JsonObject child && child.Count > 0
            ? Leaves(child, prefix + "." + p.Key)
            : [(prefix + "." + p.Key, p.Value)]);

    private static JsonObject Merge(JsonObject target, JsonObject overrides)
    {
        foreach (var (key, value) in overrides)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                Merge(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }

        return target;
    }

    [GeneratedRegex(@"\.Values(?<path>(\.[A-Za-z_][A-Za-z0-9_]*)+)")]
    private static partial Regex ValuesReference();

    [GeneratedRegex(@"^(?<indent> *)(?<key>[A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex KeyLine();

    [GeneratedRegex(@"(?:- name: |^  )(?<name>[A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9.]+)+|ASPNETCORE_[A-Z_]+)\b", RegexOptions.Multiline)]
    private static partial Regex EnvironmentName();

    [GeneratedRegex(@"<Version>(?<version>[^<]+)</Version>")]
    private static partial Regex ProjectVersion();
}
