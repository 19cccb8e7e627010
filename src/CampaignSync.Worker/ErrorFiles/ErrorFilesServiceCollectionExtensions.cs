namespace CampaignSync.ErrorFiles;

internal static class ErrorFilesServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddErrorFiles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ErrorFileReader>();
        return builder;
    }
}
