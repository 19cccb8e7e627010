using Npgsql;

namespace CampaignSync.Outbox;

/// <summary>
/// LISTENs for the outbox's NOTIFY on a dedicated connection and wakes the claim loop; the loop still polls slowly
/// as a fallback, so a lost connection only costs latency. Reconnects with a pause after any failure.
/// </summary>
internal sealed class OutboxSignal(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<OutboxSignal> logger) : BackgroundService
{
    /// <summary>The channel the insert trigger notifies (migrations/0001_outbox.sql).</summary>
    public const string Channel = "campaign_sync_outbox";

    private readonly SemaphoreSlim _signal = new(0, 1);

    /// <summary>Waits until a NOTIFY arrives or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        await _signal.WaitAsync(timeout, cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = new NpgsqlCommand($"listen {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                Wake(); // rows may have arrived while we were not listening
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                logger.ListenFailed(ex);
                await Task.Delay(TimeSpan.FromSeconds(2), timeProvider, stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _signal.Dispose();
        base.Dispose();
    }

    private void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up covers any number of inserts.
        }
    }
}
