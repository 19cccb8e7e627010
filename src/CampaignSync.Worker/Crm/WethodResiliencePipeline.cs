using Microsoft.Extensions.Options;
using Polly;
using Polly.DependencyInjection;
using Polly.Retry;
using Polly.Timeout;

namespace CampaignSync.Crm;

/// <summary>
/// The resilience pipeline of Wethod reads, shared by every call: total timeout → retry → attempt timeout. Every
/// call is a GET, so every transient outcome may be repeated: 429, 408 and 5xx answers, timeouts and transport
/// failures. The server's wait (<see cref="WethodRetryAfter"/>) replaces the exponential backoff when given.
/// </summary>
internal static class WethodResiliencePipeline
{
    /// <summary>The key the pipeline is registered under.</summary>
    public const string Key = "wethod-api";

    public static void Configure(ResiliencePipelineBuilder<WethodAnswer> pipeline, AddResiliencePipelineContext<string> context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<CrmOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger<WethodClient>();
        pipeline.TimeProvider = services.GetRequiredService<TimeProvider>();

        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<WethodAnswer>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromMinutes(1),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: TimeoutRejectedException or HttpRequestException or IOException } => true,
                    { Result: { } answer } => answer.IsTransient,
                    _ => false,
                }),
                DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
                OnRetry = args =>
                {
                    logger.RetryScheduled(args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, args.Outcome switch
                    {
                        { Exception: { } exception } => exception.GetType().Name,
                        { Result: { } answer } => $"HTTP {(int)answer.Status}",
                        _ => "",
                    });
                    return ValueTask.CompletedTask;
                },
            });
        }

        pipeline.AddTimeout(options.AttemptTimeout);
    }
}
