namespace CampaignSync.UnitTests;

/// <summary>The source tree the tests were built from (the folder of Worker.sln) and its files, build output left out.</summary>
internal static class RepositoryFiles
{
    // Build output, test results and git's own files: not the repository's text.
    private static readonly HashSet<string> SkippedDirectories = new(["artifacts", "bin", "obj", ".git"], StringComparer.Ordinal);

    public static string Root { get; } = FindRoot();

    /// <summary>Every file whose name ends in <paramref name="extension"/> (e.g. <c>.md</c>), as paths relative to <see cref="Root"/> with '/'.</summary>
    public static IReadOnlyList<string> WithExtension(string extension)
    {
        var files = new List<string>();
        var pending = new Stack<string>([Root]);
        while (pending.TryPop(out var directory))
        {
            foreach (var child in Directory.EnumerateDirectories(directory))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(child)))
                {
                    pending.Push(child);
                }
            }

            files.AddRange(Directory.EnumerateFiles(directory, "*" + extension)
                .Select(f => Path.GetRelativePath(Root, f).Replace(Path.DirectorySeparatorChar, '/')));
        }

        return files.Order(StringComparer.Ordinal).ToList();
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Worker.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("Worker.sln not found above " + AppContext.BaseDirectory);
    }
}
