using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps everything every logger of a host writes, at every level: the formatted message, each structured value,
/// each scope and the exception text, so a test can search all of it. Kept in <see cref="Entries"/>, or handed to a
/// sink (the suite log) as they come.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedEntry> _entries = new();
    private readonly Action<CapturedEntry> _sink;
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public CapturingLoggerProvider() => _sink = _entries.Enqueue;

    /// <summary>Hands each entry to <paramref name="sink"/> and keeps none (<see cref="Entries"/> stays empty).</summary>
    public CapturingLoggerProvider(Action<CapturedEntry> sink) => _sink = sink;

    public IReadOnlyCollection<CapturedEntry> Entries => _entries;

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    /// <summary>One log call: where it came from and all the text it carried.</summary>
    internal sealed record CapturedEntry(string Category, LogLevel Level, EventId EventId, string Text);

    private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { formatter(state, exception) };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(v => $"{v.Key}={v.Value}"));
            }

            provider._scopes.ForEachScope((scope, list) => list.Add(scope?.ToString() ?? ""), parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            provider._sink(new CapturedEntry(category, logLevel, eventId, string.Join(" | ", parts)));
        }
    }
}
