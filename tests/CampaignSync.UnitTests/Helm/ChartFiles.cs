using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using YamlDotNet.RepresentationModel;

namespace CampaignSync.UnitTests.Helm;

/// <summary>Reads helm/campaign-sync from the source tree: YAML as JSON nodes (Helm's typing of plain scalars), and the schema.</summary>
internal static partial class ChartFiles
{
    public static string ChartDirectory => Path.Combine(RepositoryFiles.Root, "helm", "campaign-sync");

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(ChartDirectory, relativePath));

    public static JsonObject Values() => (JsonObject)ParseYaml(Read("values.yaml"))!;

    public static JsonSchema Schema() => JsonSchema.FromText(Read("values.schema.json"));

    public static JsonObject SchemaDocument() => (JsonObject)JsonNode.Parse(Read("values.schema.json"))!;

    public static IEnumerable<string> TemplateFiles() =>
        Directory.EnumerateFiles(Path.Combine(ChartDirectory, "templates")).Order(StringComparer.Ordinal);

    /// <summary>The fenced <c>```yaml</c> blocks of the chart's README.md, in order.</summary>
    public static IReadOnlyList<string> ReadmeYamlBlocks() =>
        YamlFence().Matches(Read("README.md")).Select(m => m.Groups["body"].Value).ToList();

    /// <summary>The first YAML document of <paramref name="yaml"/> as JSON, or null when it is empty.</summary>
    public static JsonNode? ParseYaml(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : ToJson(stream.Documents[0].RootNode);
    }

    /// <summary>Whether <paramref name="instance"/> is valid against the chart schema; the errors otherwise.</summary>
    public static (bool Valid, string Errors) Validate(JsonNode instance)
    {
        var element = System.Text.Json.JsonSerializer.SerializeToElement(instance);
        var result = Schema().Evaluate(element, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = (result.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        return (result.IsValid, string.Join("; ", errors));
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c =>
            KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => ToJson(scalar),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    // Plain scalars are typed as Helm's YAML reader types them; quoted ones stay strings.
    private static JsonValue? ToJson(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ when FloatScalar().IsMatch(text) => JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture)),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex(@"^```yaml\n(?<body>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex YamlFence();

    [GeneratedRegex(@"^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$")]
    private static partial Regex FloatScalar();
}
