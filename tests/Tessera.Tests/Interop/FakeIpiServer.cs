using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Tessera.Core;

namespace Tessera.Tests.Interop;

/// <summary>A scripted i-PI server for tests: listens on loopback TCP or a Unix socket, accepts one driver and
/// lets the test send messages and read replies with the protocol's layout (atomic units).</summary>
public sealed class FakeIpiServer : IDisposable
{
    private readonly Socket _listener;
    private Socket? _client;
    public string? UnixPath { get; }
    public int Port { get; }

    private FakeIpiServer(Socket listener, string? unixPath, int port)
    {
        _listener = listener; UnixPath = unixPath; Port = port;
    }

    public static FakeIpiServer Tcp()
    {
        var l = new Socket(SocketType.Stream, ProtocolType.Tcp);
        l.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        l.Listen(1);
        return new FakeIpiServer(l, null, ((IPEndPoint)l.LocalEndPoint!).Port);
    }

    public static FakeIpiServer Unix()
    {
        string path = $"/tmp/ipi_tessera_test_{Environment.ProcessId}_{Guid.NewGuid():N}"[..48];
        var l = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        l.Bind(new UnixDomainSocketEndPoint(path));
        l.Listen(1);
        return new FakeIpiServer(l, path, 0);
    }

    public Socket Client => _client ??= AcceptWithTimeout();

    private Socket AcceptWithTimeout()
    {
        var task = _listener.AcceptAsync();
        if (!task.Wait(TimeSpan.FromSeconds(10))) throw new TimeoutException("No driver connected.");
        var s = task.Result;
        s.ReceiveTimeout = 10000;
        return s;
    }

    public void Send(byte[] bytes) => Client.Send(bytes);
    public void Header(string h) => Send(Encoding.ASCII.GetBytes(h.PadRight(12)));
    public void Int32(int v) { var b = new byte[4]; BinaryPrimitives.WriteInt32LittleEndian(b, v); Send(b); }
    public void Doubles(IEnumerable<double> values) => Send(values.SelectMany(BitConverter.GetBytes).ToArray());

    public string Status()
    {
        Header("STATUS");
        return ReadHeader();
    }

    public void Init(int bead = 0, string text = "init")
    {
        Header("INIT");
        Int32(bead);
        Int32(text.Length);
        Send(Encoding.ASCII.GetBytes(text));
    }

    /// <summary>POSDATA with i-PI's layout: h = cell^T and its inverse in C order, then positions, all in Bohr.</summary>
    public void PosData(Mat3 cell, Vec3[] positionsAngstrom)
    {
        var h = (1 / Units.Bohr) * cell.Transpose();
        Header("POSDATA");
        Doubles(h.ToRowMajor());
        Doubles((Math.Abs(h.Determinant) > 0 ? h.Inverse() : Mat3.Zero).ToRowMajor()); // ASE sends pinv: zeros
        Int32(positionsAngstrom.Length);
        Doubles(positionsAngstrom.SelectMany(r => new[] { r.X / Units.Bohr, r.Y / Units.Bohr, r.Z / Units.Bohr }));
    }

    /// <summary>GETFORCE; returns energy (eV), forces (eV/A), virial (eV) converted back from atomic units.</summary>
    public (double Energy, Vec3[] Forces, Mat3 Virial) GetForce()
    {
        Header("GETFORCE");
        Assert.Equal("FORCEREADY", ReadHeader());
        double e = ReadDoubles(1)[0] * Units.Hartree;
        int n = ReadInt32();
        var f = ReadDoubles(3 * n);
        var forces = Enumerable.Range(0, n).Select(i => Units.HartreePerBohr * new Vec3(f[3 * i], f[3 * i + 1], f[3 * i + 2])).ToArray();
        var virial = Units.Hartree * Mat3.FromRowMajor(ReadDoubles(9)).Transpose();
        int extra = ReadInt32();
        Read(extra);
        return (e, forces, virial);
    }

    public string ReadHeader() => Encoding.ASCII.GetString(Read(12)).TrimEnd();
    private int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Read(4));
    private double[] ReadDoubles(int n)
    {
        var b = Read(8 * n);
        return Enumerable.Range(0, n).Select(i => BitConverter.ToDouble(b, 8 * i)).ToArray();
    }

    private byte[] Read(int n)
    {
        var b = new byte[n];
        int got = 0;
        while (got < n)
        {
            int k = Client.Receive(b, got, n - got, SocketFlags.None);
            if (k == 0) throw new IOException("driver closed the connection");
            got += k;
        }
        return b;
    }

    /// <summary>Closes the connection to the driver (the listener stays).</summary>
    public void Drop()
    {
        _client?.Shutdown(SocketShutdown.Both);
        _client?.Dispose();
    }

    public void Dispose()
    {
        _client?.Dispose();
        _listener.Dispose();
        if (UnixPath is not null && File.Exists(UnixPath)) File.Delete(UnixPath);
    }
}
