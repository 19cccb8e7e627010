namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>The source tree the tests were built from (the folder of Worker.sln): screenshots go there, the chart is read from there.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

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
