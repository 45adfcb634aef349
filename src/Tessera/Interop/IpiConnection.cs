using System.Diagnostics;
using System.Net.Sockets;

namespace Tessera.Interop;

/// <summary>Opens the client socket to an i-PI server (Unix or TCP with TCP_NODELAY), retrying while the server
/// is not yet listening.</summary>
public static class IpiConnection
{
    public static async Task<Socket> ConnectAsync(IpiDriverSettings settings, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var socket = settings.UnixPath is { } path
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                if (settings.UnixPath is { } p) await socket.ConnectAsync(new UnixDomainSocketEndPoint(p), ct);
                else await socket.ConnectAsync(settings.Host, settings.Port, ct);
                return socket;
            }
            catch (SocketException e) when (IsNotListening(e) && clock.Elapsed < settings.ConnectTimeout)
            {
                socket.Dispose();
                await Task.Delay(100, ct);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                throw new IpiProtocolException($"Cannot connect to the i-PI server at {settings.Describe()}: {e.Message}", e);
            }
        }
    }

    private static bool IsNotListening(SocketException e) =>
        e.SocketErrorCode is SocketError.ConnectionRefused or SocketError.AddressNotAvailable or SocketError.TryAgain
        || e.NativeErrorCode == 2; // ENOENT: the Unix socket file does not exist yet
}
