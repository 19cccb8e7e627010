namespace CampaignSync.Simulator.Processing;

/// <summary>
/// Processes accepted async requests one at a time, in acceptance order, each no earlier than its due time,
/// whether or not anybody polls for it (the real service works in the background too).
/// </summary>
internal sealed class AsyncRequestWorker(
    AsyncRequestQueue queue,
    AsyncRequestRegistry registry,
    AsyncRequestProcessor processor,
    TimeProvider timeProvider,
    ILogger<AsyncRequestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in queue.ReadAllAsync(stoppingToken))
            {
                var wait = request.DueAt - timeProvider.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, timeProvider, stoppingToken);
                }

                if (!registry.IsCurrent(request))
                {
                    continue;
                }

                var result = processor.Process(request);
                registry.Complete(request, result);
                logger.AsyncRequestProcessed(request.Id, result.UpdateCount, result.ErrorFile is not null);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host is stopping: unprocessed requests are dropped, as a restarted simulator forgets everything.
        }
    }
}
