using System.Buffers.Binary;
using System.IO.Compression;

namespace Tessera.IO;

/// <summary>Decompresses a gzip file and, at its end, checks the gzip trailer (CRC-32 and size of the last
/// member) against what came out. .NET's GZipStream reports a cut-off file as a shorter one, so without this
/// check a truncated trajectory reads as fewer frames. Every decompression failure becomes a
/// <see cref="FileFormatException"/> naming the file.</summary>
internal sealed class CheckedGzipStream : Stream
{
    private const int HeaderAndTrailer = 18;
    private readonly string _path;
    private readonly GZipStream _gzip;
    private readonly uint _trailerCrc, _trailerSize;
    // (bytes out so far, CRC register there) after every read: a later member can only start at one of these
    // points, since GZipStream returns at the end of each member.
    private readonly List<(long Position, uint Register)> _marks = [(0, Crc32.Initial)];
    private uint _register = Crc32.Initial;
    private long _length;
    private bool _checked;

    private CheckedGzipStream(string path, FileStream file, uint trailerCrc, uint trailerSize)
    {
        _path = path;
        _gzip = new GZipStream(file, CompressionMode.Decompress);
        _trailerCrc = trailerCrc;
        _trailerSize = trailerSize;
    }

    /// <summary>Opens <paramref name="path"/>, refusing at once a file that is not gzip or too short to be one.</summary>
    public static CheckedGzipStream Open(string path)
    {
        var file = File.OpenRead(path);
        try
        {
            Span<byte> head = stackalloc byte[2], trailer = stackalloc byte[8];
            if (file.Length < 2 || file.Read(head) < 2 || head[0] != 0x1f || head[1] != 0x8b)
                throw new FileFormatException(path, "the name ends in .gz but the file is not gzip-compressed (it lacks the " +
                                                    "gzip signature 1f 8b); compress it with gzip or remove .gz from its name.");
            if (file.Length < HeaderAndTrailer)
                throw new FileFormatException(path, $"gzip file of only {file.Length} bytes: truncated (a gzip file has at least {HeaderAndTrailer}).");
            file.Seek(-8, SeekOrigin.End);
            file.ReadExactly(trailer);
            file.Seek(0, SeekOrigin.Begin);
            return new CheckedGzipStream(path, file, BinaryPrimitives.ReadUInt32LittleEndian(trailer),
                                         BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public override int Read(Span<byte> buffer)
    {
        int n;
        try { n = _gzip.Read(buffer); }
        // zlib's own words for a bad checksum ("unsupported compression method") mislead, so they are not repeated.
        catch (InvalidDataException) { throw Corrupt($"corrupted gzip file: damaged data or wrong CRC-32 after {_length} decompressed bytes."); }
        if (n > 0)
        {
            _register = Crc32.Update(_register, buffer[..n]);
            _length += n;
            _marks.Add((_length, _register));
        }
        else if (buffer.Length > 0 && !_checked)
        {
            CheckTrailer();
            _checked = true;
        }
        return n;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>The last member must be whole: it began at one of the marks, and its bytes have the trailer's
    /// size (mod 2^32) and CRC-32.</summary>
    private void CheckTrailer()
    {
        for (int i = _marks.Count - 1; i >= 0; i--)
        {
            var (start, register) = _marks[i];
            long size = _length - start;
            if ((uint)size != _trailerSize) continue;
            uint crc = register == Crc32.Initial ? Crc32.Final(_register) : Crc32.Tail(_register, register, size);
            if (crc == _trailerCrc) return;
        }
        throw Corrupt($"truncated or corrupted gzip file: the {_length} decompressed bytes do not match its trailer " +
                      $"(size {_trailerSize}, CRC-32 {_trailerCrc:x8}); the file was probably cut off while being written or copied.");
    }

    private FileFormatException Corrupt(string problem) => new(_path, problem);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
