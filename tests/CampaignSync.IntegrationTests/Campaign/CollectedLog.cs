using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>One captured log entry: where it came from, its text, its structured values and its exception.</summary>
internal sealed record CollectedLog(
    string Category, LogLevel Level, string? EventName, string Message, string StructuredValues, string? Exception)
{
    /// <summary>Everything a log sink could write for this entry.</summary>
    public string AllText => $"{Category} {EventName} {Message} {StructuredValues} {Exception}";
}
