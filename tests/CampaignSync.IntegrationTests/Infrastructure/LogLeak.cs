namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// One secret or personal value found in a log line: what kind it is, the line it was on, and the value masked (a
/// failure message must not become a second leak).
/// </summary>
internal sealed record LogLeak(string Kind, long LineNumber, string Source, string MaskedValue)
{
    public override string ToString() => $"line {LineNumber} ({Source}): {Kind} {MaskedValue}";
}
