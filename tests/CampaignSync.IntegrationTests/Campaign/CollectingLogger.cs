using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Campaign;

/// <summary>The logger of <see cref="CollectingLoggerProvider"/>: enabled at every level, records everything.</summary>
internal sealed class CollectingLogger(string category, ConcurrentQueue<CollectedLog> entries) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
            ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
            : state?.ToString() ?? string.Empty;
        entries.Enqueue(new CollectedLog(category, logLevel, eventId.Name, formatter(state, exception), values, exception?.ToString()));
    }
}
