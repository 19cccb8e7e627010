using System.Text.RegularExpressions;
using CampaignSync.Pipeline;

namespace CampaignSync.UnitTests.Architecture;

/// <summary>
/// The layout the README's "How it works" describes (issue 17): every top-level folder of the worker is in its folder
/// tables and every folder there exists; the worker's assembly carries neither the simulators nor the development host.
/// </summary>
[Trait("Category", "Foundation")]
public sealed partial class LayoutTests
{
    private static readonly string WorkerDirectory = Path.Combine(RepositoryFiles.Root, "src", "CampaignSync.Worker");

    /// <summary>Folders of the project that are not code roles: build output and launch profiles.</summary>
    private static readonly string[] NotRoles = ["bin", "obj", "Properties"];

    [Fact]
    public void Every_top_level_folder_of_the_worker_is_in_the_readme_map_and_every_mapped_folder_exists()
    {
        var folders = Directory.EnumerateDirectories(WorkerDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !NotRoles.Contains(name, StringComparer.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var mapped = MapRow().Matches(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md")))
            .Select(m => m.Groups["folder"].Value)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(folders.SequenceEqual(mapped),
            $"README map and src/CampaignSync.Worker differ. Missing from the map: [{string.Join(", ", folders.Except(mapped))}]; " +
            $"mapped but absent: [{string.Join(", ", mapped.Except(folders))}]");
    }

    [Fact]
    public void The_worker_assembly_references_neither_the_simulator_nor_the_development_host()
    {
        var worker = typeof(SyncWorker).Assembly;

        var references = worker.GetReferencedAssemblies().Select(a => a.Name).ToList();
        var devOnlyTypes = worker.GetTypes()
            .Where(t => t.Namespace is { } ns && (ns.StartsWith("CampaignSync.Simulator", StringComparison.Ordinal)
                || ns.StartsWith("CampaignSync.DevHost", StringComparison.Ordinal)
                || t.Name.Contains("PrivatePostgres", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.DoesNotContain("CampaignSync.Simulator", references);
        Assert.DoesNotContain("CampaignSync.DevHost", references);
        Assert.True(devOnlyTypes.Count == 0, $"Development-only types in {worker.GetName().Name}: {string.Join(", ", devOnlyTypes)}");
    }

    /// <summary>A row of a README folder table: <c>| `Name/` | …</c>.</summary>
    [GeneratedRegex(@"^\| `(?<folder>[A-Za-z]+)/` \|", RegexOptions.Multiline)]
    private static partial Regex MapRow();
}
