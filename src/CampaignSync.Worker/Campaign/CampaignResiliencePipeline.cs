using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.DependencyInjection;
using Polly.Retry;
using Polly.Telemetry;

namespace CampaignSync.Campaign;

/// <summary>
/// The one resilience pipeline of the Campaign API, registered once under <see cref="CampaignDefaults.PipelineKey"/>
/// and shared by every call and every caller (so the circuit breaker sees all traffic).
/// Outer to inner: total timeout → retry → circuit breaker → rate budget → attempt timeout. The breaker sits
/// inside the retry so each attempt counts, and the rate budget inside the breaker so an open circuit spends no slot;
/// the attempt timeout is innermost so waiting for a slot does not eat an attempt's time. The rate budget is the
/// tenant's, shared by every replica through Postgres (<see cref="PostgresRateBudget"/>); Polly keeps the retries,
/// the breaker and the timeouts.
/// </summary>
internal static class CampaignResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder pipeline, AddResiliencePipelineContext<string> context)
    {
        var services = context.ServiceProvider;
        var options = services.GetRequiredService<IOptions<CampaignOptions>>().Value;
        var timeProvider = services.GetRequiredService<TimeProvider>();
        var loggerFactory = services.GetRequiredService<ILoggerFactory>();
        var logger = loggerFactory.CreateLogger<CampaignClient>();

        pipeline.TimeProvider = timeProvider;
        pipeline.ConfigureTelemetry(new TelemetryOptions
        {
            LoggerFactory = loggerFactory,
            // Results reach Polly's logs through this formatter only: status and code, never a body.
            ResultFormatter = static (_, result) => result switch
            {
                HttpResponseMessage response => (int)response.StatusCode,
                _ => result,
            },
        });

        pipeline.AddTimeout(options.TotalTimeout);
        if (options.MaxRetries > 0)
        {
            // Polly's retry takes at least one retry; MaxRetries = 0 means no retry strategy at all.
            pipeline.AddRetry(CreateRetry(options, timeProvider, logger));
        }

        pipeline.AddCircuitBreaker(CreateBreaker(logger, services.GetRequiredService<CampaignCircuit>()));

        if (options.RequestsPerSecond > 0)
        {
            var budget = services.GetRequiredService<ICampaignRateBudget>();
            pipeline.AddStrategy(_ => new CampaignRateStrategy(budget, timeProvider, logger));
        }

        pipeline.AddTimeout(options.AttemptTimeout);
    }

    private static RetryStrategyOptions CreateRetry(CampaignOptions options, TimeProvider timeProvider, ILogger logger) => new()
    {
        MaxRetryAttempts = options.MaxRetries,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.RetryBaseDelay,
        MaxDelay = CampaignDefaults.MaxRetryDelay,
        ShouldHandle = args => ValueTask.FromResult(CampaignTransientPolicy.ShouldRetry(args.Outcome, args.Context, timeProvider)),
        // Retry-After (seconds or date) replaces the computed backoff; without it the exponential jittered delay stands.
        DelayGenerator = args => ValueTask.FromResult(CampaignTransientPolicy.RetryAfter(args.Outcome, timeProvider)),
        OnRetry = args =>
        {
            logger.RetryScheduled(
                args.Context.Properties.GetValue(CampaignResilienceKeys.Endpoint, CampaignEndpoint.Upsert),
                args.AttemptNumber + 1,
                (long)args.RetryDelay.TotalMilliseconds,
                Summarize(args.Outcome));
            return ValueTask.CompletedTask;
        },
    };

    // The callbacks also keep the circuit gauge's view of the breaker (CampaignCircuit).
    private static CircuitBreakerStrategyOptions CreateBreaker(ILogger logger, CampaignCircuit circuit) => new()
    {
        FailureRatio = CampaignDefaults.BreakerFailureRatio,
        MinimumThroughput = CampaignDefaults.BreakerMinimumThroughput,
        SamplingDuration = CampaignDefaults.BreakerSamplingDuration,
        BreakDuration = CampaignDefaults.BreakerBreakDuration,
        ShouldHandle = args => ValueTask.FromResult(CampaignTransientPolicy.IsServerFault(args.Outcome)),
        OnOpened = args =>
        {
            circuit.Opened();
            logger.CircuitOpened((long)args.BreakDuration.TotalMilliseconds);
            return ValueTask.CompletedTask;
        },
        OnClosed = _ =>
        {
            circuit.Closed();
            logger.CircuitClosed();
            return ValueTask.CompletedTask;
        },
    };

    private static string Summarize(Outcome<object> outcome) => outcome switch
    {
        { Exception: { } exception } => CampaignTransientPolicy.Describe(exception),
        { Result: HttpResponseMessage response } => $"HTTP {(int)response.StatusCode}",
        { Result: { } result } => result.ToString() ?? string.Empty,
        _ => string.Empty,
    };
}
