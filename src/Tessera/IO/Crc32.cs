namespace Tessera.IO;

/// <summary>CRC-32 as gzip stores it (IEEE polynomial, reflected). Works on the raw register (start
/// <see cref="Initial"/>, final value register ^ 0xFFFFFFFF) so a checksum of the tail of a stream can be
/// recovered from register values (<see cref="Tail"/>), which is how concatenated gzip members are checked.</summary>
internal static class Crc32
{
    public const uint Initial = 0xFFFFFFFFu;
    private static readonly uint[] Table = MakeTable();

    private static uint[] MakeTable()
    {
        var t = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }

    /// <summary>The register after feeding <paramref name="data"/>.</summary>
    public static uint Update(uint register, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data) register = Table[(register ^ b) & 0xFF] ^ (register >> 8);
        return register;
    }

    public static uint Final(uint register) => register ^ 0xFFFFFFFFu;

    /// <summary>The CRC-32 of the last <paramref name="length"/> bytes of a stream, from the register after the
    /// whole stream and the register where those bytes begin (the register is linear in its start value).</summary>
    public static uint Tail(uint registerAtEnd, uint registerAtStart, long length)
    {
        uint shifted = registerAtStart ^ Initial; // the start value's contribution, carried through `length` bytes
        for (long i = 0; i < length; i++) shifted = Table[shifted & 0xFF] ^ (shifted >> 8);
        return Final(registerAtEnd ^ shifted);
    }
}
