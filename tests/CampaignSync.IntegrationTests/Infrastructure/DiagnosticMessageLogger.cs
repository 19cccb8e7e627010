using Microsoft.Extensions.Logging;

namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// Sends log lines of code under test to xUnit's diagnostic messages, which the runner prints when
/// <c>diagnosticMessages</c> is on (xunit.runner.json), so fixture start-up shows up in CI output.
/// </summary>
internal sealed class DiagnosticMessageLogger(string category) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(
        LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            TestContext.Current.SendDiagnosticMessage(
                "{0} {1}: {2}{3}", logLevel, category, formatter(state, exception), exception is null ? string.Empty : $" {exception}");
        }
    }
}
