using System.Buffers.Binary;
using System.Text;

namespace Tessera.Interop;

/// <summary>An outgoing i-PI message assembled in one buffer: headers, little-endian int32 and float64.</summary>
internal sealed class IpiMessage(int capacity)
{
    private readonly byte[] _buffer = new byte[capacity];
    private int _length;

    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    public IpiMessage Header(string header)
    {
        if (header.Length > IpiWire.HeaderLength) throw new ArgumentException($"Header '{header}' is longer than {IpiWire.HeaderLength}.");
        var span = _buffer.AsSpan(_length, IpiWire.HeaderLength);
        span.Fill((byte)' ');
        Encoding.ASCII.GetBytes(header, span);
        _length += IpiWire.HeaderLength;
        return this;
    }

    public IpiMessage Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_length), value);
        _length += 4;
        return this;
    }

    /// <summary>Appends the bytes as they are (the extra string of FORCEREADY).</summary>
    public IpiMessage Bytes(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
        return this;
    }

    /// <summary>Appends the values, each multiplied by scale (for unit conversion on the way out).</summary>
    public IpiMessage Doubles(ReadOnlySpan<double> values, double scale = 1)
    {
        foreach (double v in values)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), scale * v);
            _length += 8;
        }
        return this;
    }
}
