using System.Threading.Channels;

namespace CampaignSync.Simulator.Processing;

/// <summary>Accepted async requests in acceptance order, for the one <see cref="AsyncRequestWorker"/>.</summary>
internal sealed class AsyncRequestQueue
{
    private readonly Channel<AsyncRequest> _channel = Channel.CreateUnbounded<AsyncRequest>(
        new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(AsyncRequest request)
    {
        if (!_channel.Writer.TryWrite(request))
        {
            throw new InvalidOperationException("The async request queue is closed.");
        }
    }

    public IAsyncEnumerable<AsyncRequest> ReadAllAsync(CancellationToken cancellationToken) =>
        _channel.Reader.ReadAllAsync(cancellationToken);
}
