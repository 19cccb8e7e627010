using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>
/// Keeps every log entry of every category at every level: the formatted message, each structured value and the
/// exception's full text, so a test can look for a secret wherever a sink could write it.
/// </summary>
internal sealed class CollectingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<CollectedLog> _entries = new();

    public IReadOnlyCollection<CollectedLog> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, _entries);

    public void Dispose()
    {
    }
}
