using System.Buffers.Binary;
using System.Text;

namespace Tessera.Interop;

/// <summary>Low-level i-PI framing over a stream: 12-byte space-padded ASCII headers, little-endian int32 and
/// float64 values. Every read has an idle timeout so a silent peer gives an error instead of a hang.</summary>
internal sealed class IpiWire(Stream stream, TimeSpan idleTimeout)
{
    public const int HeaderLength = 12;
    private readonly byte[] _small = new byte[HeaderLength];

    /// <summary>Reads a header; null when the peer closed the connection cleanly before its first byte.</summary>
    public async Task<string?> ReadHeaderAsync(CancellationToken ct)
    {
        int got = await ReadAsync(_small.AsMemory(0, HeaderLength), "a message header", allowCleanClose: true, ct);
        if (got == 0) return null;
        foreach (byte b in _small)
            if (b is < 0x20 or > 0x7e && b != 0)
                throw new IpiProtocolException($"Malformed i-PI header (non-ASCII bytes): {Convert.ToHexString(_small)}.");
        return Encoding.ASCII.GetString(_small).TrimEnd(' ', '\0');
    }

    public async Task<int> ReadInt32Async(string what, CancellationToken ct)
    {
        await ReadAsync(_small.AsMemory(0, 4), what, allowCleanClose: false, ct);
        return BinaryPrimitives.ReadInt32LittleEndian(_small);
    }

    public async Task<double[]> ReadDoublesAsync(int count, string what, CancellationToken ct)
    {
        var bytes = new byte[8 * count];
        await ReadAsync(bytes, what, allowCleanClose: false, ct);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(8 * i));
            if (!double.IsFinite(values[i])) throw new IpiProtocolException($"Non-finite number in {what}.");
        }
        return values;
    }

    public async Task<byte[]> ReadBytesAsync(int count, string what, CancellationToken ct)
    {
        var bytes = new byte[count];
        if (count > 0) await ReadAsync(bytes, what, allowCleanClose: false, ct);
        return bytes;
    }

    /// <summary>Sends a whole message at once (one write: fewer packets with TCP_NODELAY).</summary>
    public async Task SendAsync(IpiMessage message, string what, CancellationToken ct)
    {
        try
        {
            await stream.WriteAsync(message.Written, ct);
            await stream.FlushAsync(ct);
        }
        catch (IOException e)
        {
            throw new IpiProtocolException($"Connection to the i-PI server dropped while sending {what}: {e.Message}", e);
        }
    }

    private async Task<int> ReadAsync(Memory<byte> into, string what, bool allowCleanClose, CancellationToken ct)
    {
        int got = 0;
        while (got < into.Length)
        {
            int n;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(idleTimeout);
            try { n = await stream.ReadAsync(into[got..], timeout.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new IpiProtocolException($"Timed out after {idleTimeout.TotalSeconds:g} s waiting for {what} from the i-PI server ({got} of {into.Length} bytes received).");
            }
            catch (IOException e)
            {
                throw new IpiProtocolException($"Connection to the i-PI server dropped while reading {what}: {e.Message}", e);
            }
            if (n == 0)
            {
                if (got == 0 && allowCleanClose) return 0;
                throw new IpiProtocolException($"The i-PI server closed the connection in the middle of {what} ({got} of {into.Length} bytes received).");
            }
            got += n;
        }
        return got;
    }
}
