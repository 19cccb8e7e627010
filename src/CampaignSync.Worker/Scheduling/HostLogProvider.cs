using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace CampaignSync.Scheduling;

/// <summary>
/// Hangfire logs through one provider for the whole process (LibLog's static <c>LogProvider</c>), and every host that
/// configures Hangfire replaces it with its own logger factory. A process that runs several hosts one after another
/// (the test suite; the demo) can leave it pointing at a factory that a stopped host already disposed, and then any
/// Hangfire component created later throws <see cref="ObjectDisposedException"/> before it does its work. This
/// provider keeps logging through the host's factory while it lives and turns into a silent logger after.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return SilentLog.Instance;
        }
    }

    private sealed class SilentLog : ILog
    {
        public static readonly SilentLog Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
