using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CampaignSync.IntegrationTests.Infrastructure;

/// <summary>
/// Asks the Docker engine for <c>GET /_ping</c> with a short deadline. A machine can have the docker client
/// and even a DOCKER_HOST without an engine behind it; Testcontainers would then fail slowly, so it is used
/// only when an engine has actually answered.
/// </summary>
internal static class DockerEngineProbe
{
    private const string DefaultSocket = "/var/run/docker.sock";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    public static async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        var endPoint = EngineEndPoint(Environment.GetEnvironmentVariable("DOCKER_HOST"));
        if (endPoint is null)
        {
            return false;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            using var socket = endPoint is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(endPoint, deadline.Token);
            await socket.SendAsync("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n"u8.ToArray(), deadline.Token);
            var buffer = new byte[64];
            var read = await socket.ReceiveAsync(buffer, deadline.Token);
            var statusLine = Encoding.ASCII.GetString(buffer, 0, read);
            return statusLine.StartsWith("HTTP/1.", StringComparison.Ordinal) && statusLine.Contains(" 200 ", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    // unix:// and plain tcp:// only; other schemes (ssh, TLS) count as "no engine" and the private cluster is used.
    private static EndPoint? EngineEndPoint(string? dockerHost)
    {
        if (string.IsNullOrEmpty(dockerHost))
        {
            return new UnixDomainSocketEndPoint(DefaultSocket);
        }

        if (!Uri.TryCreate(dockerHost, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return uri.Scheme switch
        {
            "unix" => new UnixDomainSocketEndPoint(uri.AbsolutePath),
            "tcp" when Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY") is null or "" or "0" =>
                new DnsEndPoint(uri.Host, uri.Port),
            _ => null,
        };
    }
}
