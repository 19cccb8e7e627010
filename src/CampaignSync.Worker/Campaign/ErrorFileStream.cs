using System.Globalization;

namespace CampaignSync.Campaign;

/// <summary>
/// The body of an error-file download with its limits (issue 15): at most <see cref="CampaignOptions.ErrorFileMaxBytes"/>
/// bytes after decompression, no read waiting longer than <see cref="CampaignOptions.ErrorFileReadTimeout"/>, and the
/// whole download, from the request on, within <see cref="CampaignOptions.ErrorFileTimeout"/> (the Polly timeouts end
/// at the headers). Breaking one throws <see cref="ErrorFileRejectedException"/>. Disposing it releases the response and
/// so the connection. Asynchronous reads only.
/// </summary>
internal sealed class ErrorFileStream : Stream
{
    private readonly Stream _inner;
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _total;
    private readonly CancellationTokenSource _idle;
    private readonly long _maxBytes;
    private readonly TimeSpan _readTimeout;
    private readonly TimeSpan _totalTimeout;
    private long _bytes;

    /// <param name="total">Started when the request was sent; owned (disposed) by this stream from now on.</param>
    public ErrorFileStream(Stream inner, HttpResponseMessage response, CancellationTokenSource total, CampaignOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner;
        _response = response;
        _total = total;
        _idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, timeProvider);
        _maxBytes = options.ErrorFileMaxBytes;
        _readTimeout = options.ErrorFileReadTimeout;
        _totalTimeout = options.ErrorFileTimeout;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>The <see cref="ErrorFileRejectedException"/> of a download that ran out of its total time.</summary>
    public static ErrorFileRejectedException TotalTimeoutExceeded(TimeSpan timeout) =>
        new($"The error file did not arrive whole within {Seconds(timeout)}; reading stopped.");

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        _idle.CancelAfter(_readTimeout);
        using (var limits = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _idle.Token, _total.Token))
        {
            try
            {
                read = await _inner.ReadAsync(buffer, limits.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw _total.IsCancellationRequested
                    ? TotalTimeoutExceeded(_totalTimeout)
                    : new ErrorFileRejectedException($"The error file sent nothing for {Seconds(_readTimeout)}; reading stopped.");
            }
        }

        _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        _bytes += read;
        if (_bytes > _maxBytes)
        {
            throw new ErrorFileRejectedException(string.Create(CultureInfo.InvariantCulture,
                $"The error file is larger than {_maxBytes} bytes after decompression (Campaign:ErrorFileMaxBytes); reading stopped."));
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        throw new NotSupportedException("The error file is read asynchronously, so its timeouts apply.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
            _response.Dispose();
            _idle.Dispose();
            _total.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string Seconds(TimeSpan timeout) => string.Create(CultureInfo.InvariantCulture, $"{timeout.TotalSeconds:0.###} s");
}
