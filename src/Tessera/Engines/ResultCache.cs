using System.Globalization;
using System.Runtime.InteropServices;
using Tessera.Core;
using Tessera.Potentials;

namespace Tessera.Engines;

/// <summary>A cached engine result: energy (eV), forces (eV/A) when they were computed, and when/how long.</summary>
public sealed record CachedResult(double Energy, Vec3[]? Forces, double WallSeconds, DateTime CreatedUtc)
{
    public bool Satisfies(Needs needs) => Forces is not null || !EngineResults.WantsGradient(needs);
}

/// <summary>Persistent SQLite store of engine results keyed by <see cref="ResultKey"/>. Safe for several threads
/// and processes at once (WAL journal, busy timeout, one connection per operation). A result with forces
/// satisfies an energy request; an energy-only result never satisfies a force request and is upgraded when
/// forces arrive.</summary>
public sealed class ResultCache
{
    private const int FormatVersion = 1;
    private readonly SqliteFile _file;

    /// <param name="path">Database file; null for <see cref="DefaultPath"/>.</param>
    /// <exception cref="ResultCacheException">When the file is not a usable cache.</exception>
    public ResultCache(string? path = null)
    {
        FilePath = Path.GetFullPath(path ?? DefaultPath);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        _file = new SqliteFile(FilePath, create: true, pooling: true, "result cache", "Delete or move the file.",
                               (problem, e) => new ResultCacheException(FilePath, problem, e));
        _file.Guard(InitialiseSchema);
    }

    /// <summary><c>$TESSERA_CACHE</c>, else <c>~/.cache/tessera/results.sqlite</c>.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable("TESSERA_CACHE") is { Length: > 0 } p ? p
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "tessera", "results.sqlite");

    public string FilePath { get; }

    public CachedResult? TryGet(string key) => _file.Guard(() =>
    {
        using var con = _file.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = "SELECT energy, forces, wall_seconds, created FROM results WHERE key = $key";
        cmd.Parameters.AddWithValue("$key", key);
        using var reader = cmd.ExecuteReader();
        if (!reader.Read()) return null;
        Vec3[]? forces = reader.IsDBNull(1) ? null : MemoryMarshal.Cast<byte, Vec3>((byte[])reader.GetValue(1)).ToArray();
        return new CachedResult(reader.GetDouble(0), forces, reader.GetDouble(2),
                                DateTime.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
    });

    /// <summary>Stores a result; an existing entry is replaced only when the new one adds forces.</summary>
    public void Store(string key, EngineIdentity engine, Structure s, PotentialResult result, double wallSeconds) => _file.Guard(() =>
    {
        using var con = _file.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = """
            INSERT INTO results (key, program, version, method, options, formula, charge, multiplicity, energy, forces, wall_seconds, created)
            VALUES ($key, $program, $version, $method, $options, $formula, $charge, $multiplicity, $energy, $forces, $wall, $created)
            ON CONFLICT(key) DO UPDATE SET energy = excluded.energy, forces = excluded.forces,
                wall_seconds = excluded.wall_seconds, created = excluded.created
            WHERE results.forces IS NULL AND excluded.forces IS NOT NULL
            """;
        cmd.Parameters.AddWithValue("$key", key);
        cmd.Parameters.AddWithValue("$program", engine.Program);
        cmd.Parameters.AddWithValue("$version", engine.Version);
        cmd.Parameters.AddWithValue("$method", engine.Method);
        cmd.Parameters.AddWithValue("$options", engine.Options);
        cmd.Parameters.AddWithValue("$formula", s.Formula);
        cmd.Parameters.AddWithValue("$charge", s.Charge);
        cmd.Parameters.AddWithValue("$multiplicity", s.Multiplicity);
        cmd.Parameters.AddWithValue("$energy", result.Energy);
        cmd.Parameters.AddWithValue("$forces", result.Forces is { } f ? MemoryMarshal.AsBytes(f.AsSpan()).ToArray() : DBNull.Value);
        cmd.Parameters.AddWithValue("$wall", wallSeconds);
        cmd.Parameters.AddWithValue("$created", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        cmd.ExecuteNonQuery();
        return 0;
    });

    /// <summary>Number of stored results.</summary>
    public long Count => _file.Guard(() =>
    {
        using var con = _file.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM results";
        return (long)cmd.ExecuteScalar()!;
    });

    private int InitialiseSchema()
    {
        using var con = _file.Open();
        using (var wal = con.CreateCommand())
        {
            // WAL lets readers and one writer proceed together; it persists in the file.
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }
        using var cmd = con.CreateCommand();
        cmd.CommandText = """
            CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT OR IGNORE INTO meta (name, value) VALUES ('format', $format);
            CREATE TABLE IF NOT EXISTS results (
                key TEXT PRIMARY KEY, program TEXT NOT NULL, version TEXT NOT NULL, method TEXT NOT NULL,
                options TEXT NOT NULL, formula TEXT NOT NULL, charge INTEGER NOT NULL, multiplicity INTEGER NOT NULL,
                energy REAL NOT NULL, forces BLOB, wall_seconds REAL NOT NULL, created TEXT NOT NULL);
            SELECT value FROM meta WHERE name = 'format';
            """;
        cmd.Parameters.AddWithValue("$format", FormatVersion.ToString(CultureInfo.InvariantCulture));
        var format = cmd.ExecuteScalar() as string;
        if (format != FormatVersion.ToString(CultureInfo.InvariantCulture))
            throw new ResultCacheException(FilePath, $"cache format '{format}' is not the supported format {FormatVersion}");
        return 0;
    }
}
