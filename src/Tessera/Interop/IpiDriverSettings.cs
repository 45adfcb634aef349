namespace Tessera.Interop;

/// <summary>When the driver asks the server for INIT. Both work with i-PI and with ASE's SocketIOCalculator.</summary>
public enum IpiInitMode
{
    /// <summary>NEEDINIT until the first INIT, READY after every force collection (i-PI's own drivers).</summary>
    Once,
    /// <summary>NEEDINIT again after every force collection (ASE's SocketClient).</summary>
    EveryStep,
}

/// <summary>Where and how to connect. Build with <see cref="Unix"/> or <see cref="Tcp"/>.</summary>
public sealed record IpiDriverSettings
{
    /// <summary>Unix socket path (i-PI's /tmp/ipi_NAME), or null for TCP.</summary>
    public string? UnixPath { get; private init; }
    public string Host { get; private init; } = "localhost";
    public int Port { get; private init; }
    /// <summary>Longest wait for any message or part of one before giving up with an error.</summary>
    public TimeSpan IdleTimeout { get; private init; }
    /// <summary>How long to keep retrying the connection while the server is not yet listening.</summary>
    public TimeSpan ConnectTimeout { get; private init; }
    public IpiInitMode InitMode { get; private init; }

    /// <summary>Prefix i-PI and ASE put in front of a Unix socket name.</summary>
    public const string UnixPrefix = "/tmp/ipi_";

    /// <param name="name">Socket name (becomes /tmp/ipi_NAME) or an absolute path.</param>
    public static IpiDriverSettings Unix(string name, TimeSpan? idleTimeout = null, TimeSpan? connectTimeout = null,
                                         IpiInitMode initMode = IpiInitMode.Once)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A Unix socket name is required.");
        string path = name.StartsWith('/') ? name : UnixPrefix + name;
        return Validate(new IpiDriverSettings { UnixPath = path }, idleTimeout, connectTimeout, initMode);
    }

    public static IpiDriverSettings Tcp(string host, int port, TimeSpan? idleTimeout = null, TimeSpan? connectTimeout = null,
                                        IpiInitMode initMode = IpiInitMode.Once)
    {
        if (string.IsNullOrWhiteSpace(host)) throw new ArgumentException("A host name is required.");
        if (port is < 1 or > 65535) throw new ArgumentOutOfRangeException(nameof(port), $"Port must be 1-65535, got {port}.");
        return Validate(new IpiDriverSettings { Host = host, Port = port }, idleTimeout, connectTimeout, initMode);
    }

    private static IpiDriverSettings Validate(IpiDriverSettings s, TimeSpan? idle, TimeSpan? connect, IpiInitMode mode)
    {
        var i = idle ?? TimeSpan.FromMinutes(10);
        var c = connect ?? TimeSpan.FromSeconds(30);
        if (i <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(idle), "The idle timeout must be positive.");
        if (c < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(connect), "The connect timeout must be non-negative.");
        return s with { IdleTimeout = i, ConnectTimeout = c, InitMode = mode };
    }

    public string Describe() => UnixPath is { } p ? $"unix:{p}" : $"tcp:{Host}:{Port}";
}
