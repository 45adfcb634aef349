using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Tessera.Core;
using Tessera.Engines;

namespace Tessera.Data;

/// <summary>Persistent SQLite store of labels: one row per fragment and level with status, energy, forces,
/// wall time, attempts, engine identity and error; plus a log of the runs that wrote it. Each batch of
/// labels is one transaction, so a killed run keeps every batch it finished. Its tables can share a file
/// with the engine <see cref="ResultCache"/>.</summary>
public sealed class LabelStore
{
    private const int FormatVersion = 1;
    private readonly SqliteFile _file;

    /// <exception cref="LabelStoreException">When the file is not a usable label store.</exception>
    public LabelStore(string path, bool create = true)
    {
        FilePath = Path.GetFullPath(path);
        if (!create && !File.Exists(FilePath)) throw new FileNotFoundException($"Label store '{path}' does not exist.", path);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        // No pooling: the file is released after each operation (a store is often moved or deleted right after a run).
        _file = new SqliteFile(FilePath, create, pooling: false, "label store", "Restore or move the file.",
                               (problem, e) => new LabelStoreException(FilePath, problem, e));
        _file.Guard(() => Initialise(create));
    }

    public string FilePath { get; }

    /// <summary>Stores labels in one transaction. A success replaces a failure and an energy-only success
    /// gains forces; a failure never replaces a success.</summary>
    public void Put(IReadOnlyCollection<Label> labels) => _file.Guard(() =>
    {
        using var con = _file.Open();
        using var tx = con.BeginTransaction();
        using var cmd = con.CreateCommand();
        cmd.CommandText = """
            INSERT INTO labels (fragment_id, level, status, energy, forces, wall_seconds, attempts, program, version, method, options, error, created)
            VALUES ($id, $level, $status, $energy, $forces, $wall, $attempts, $program, $version, $method, $options, $error, $created)
            ON CONFLICT(fragment_id, level) DO UPDATE SET status = excluded.status, energy = excluded.energy, forces = excluded.forces,
                wall_seconds = excluded.wall_seconds, attempts = excluded.attempts, program = excluded.program, version = excluded.version,
                method = excluded.method, options = excluded.options, error = excluded.error, created = excluded.created
            WHERE labels.status = 'failed' OR (excluded.status = 'ok' AND labels.forces IS NULL AND excluded.forces IS NOT NULL)
            """;
        string[] names = ["$id", "$level", "$status", "$energy", "$forces", "$wall", "$attempts", "$program", "$version", "$method", "$options", "$error", "$created"];
        var p = names.Select(n => cmd.Parameters.Add(n, SqliteType.Text)).ToArray();
        foreach (var l in labels)
        {
            object?[] values = [l.FragmentId, l.Level, StatusText(l.Status), l.Energy, l.Forces is { } f ? MemoryMarshal.AsBytes(f.AsSpan()).ToArray() : null,
                                l.WallSeconds, l.Attempts, l.Engine.Program, l.Engine.Version, l.Engine.Method, l.Engine.Options, l.Error,
                                l.CreatedUtc.ToString("O", CultureInfo.InvariantCulture)];
            for (int i = 0; i < p.Length; i++)
            {
                p[i].SqliteType = values[i] switch { long or int => SqliteType.Integer, double => SqliteType.Real, byte[] => SqliteType.Blob, _ => SqliteType.Text };
                p[i].Value = values[i] ?? DBNull.Value;
            }
            cmd.ExecuteNonQuery();
        }
        tx.Commit();
        return 0;
    });

    /// <summary>Every label of one level, by fragment id.</summary>
    public IReadOnlyDictionary<long, Label> Get(string level) => _file.Guard(() =>
    {
        using var con = _file.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = """
            SELECT fragment_id, status, energy, forces, wall_seconds, attempts, program, version, method, options, error, created
            FROM labels WHERE level = $level
            """;
        cmd.Parameters.AddWithValue("$level", level);
        using var r = cmd.ExecuteReader();
        var result = new Dictionary<long, Label>();
        while (r.Read())
        {
            var status = r.GetString(1) switch
            {
                "ok" => LabelStatus.Ok,
                "failed" => LabelStatus.Failed,
                var s => throw new LabelStoreException(FilePath, $"unknown status '{s}' for fragment {r.GetInt64(0)}"),
            };
            Vec3[]? forces = r.IsDBNull(3) ? null : MemoryMarshal.Cast<byte, Vec3>((byte[])r.GetValue(3)).ToArray();
            result[r.GetInt64(0)] = new Label(r.GetInt64(0), level, status, r.IsDBNull(2) ? null : r.GetDouble(2), forces, r.GetDouble(4),
                r.GetInt32(5), new EngineIdentity(r.GetString(6), r.GetString(7), r.GetString(8), r.GetString(9)),
                r.IsDBNull(10) ? null : r.GetString(10),
                DateTime.Parse(r.GetString(11), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));
        }
        return result;
    });

    /// <summary>Ties the store to one pool: labels are kept by fragment id, and another pool's ids name other fragments.
    /// The first run records the pool's <see cref="FragmentPool.Fingerprint"/> (with <paramref name="bind"/>); later runs
    /// and readers must bring the same pool. Stores from before this check carry no fingerprint and are bound on first use.</summary>
    /// <exception cref="LabelStoreException">The store holds labels of another pool.</exception>
    public void RequirePool(string fingerprint, string poolName, bool bind) => _file.Guard(() =>
    {
        using var con = _file.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = "SELECT value FROM label_meta WHERE name = 'pool'";
        if (cmd.ExecuteScalar() is string recorded)
        {
            var parts = recorded.Split(' ', 2);
            if (parts[0] != fingerprint)
                throw new LabelStoreException(FilePath, $"it holds labels of another fragment pool ({(parts.Length > 1 ? parts[1] : "unnamed")}), " +
                    $"whose fragment ids name other fragments than those of '{poolName}'. Label into a new store (--labels NEW.sqlite) " +
                    "and pass this one as --cache to reuse its engine results");
            return 0;
        }
        if (!bind) return 0;
        cmd.CommandText = "INSERT OR IGNORE INTO label_meta (name, value) VALUES ('pool', $v)";
        cmd.Parameters.AddWithValue("$v", $"{fingerprint} {poolName}");
        cmd.ExecuteNonQuery();
        return 0;
    });

    /// <summary>Logs one labelling run (its command line and levels) for provenance.</summary>
    public void RecordRun(string command, string description) => _file.Guard(() =>
    {
        using var con = _file.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = "INSERT INTO label_runs (started, tessera_version, command, description) VALUES ($t, $v, $c, $d)";
        cmd.Parameters.AddWithValue("$t", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$v", TesseraVersion.Current);
        cmd.Parameters.AddWithValue("$c", command);
        cmd.Parameters.AddWithValue("$d", description);
        cmd.ExecuteNonQuery();
        return 0;
    });

    /// <summary>The logged runs as "started | version | command", oldest first.</summary>
    public IReadOnlyList<string> Runs() => _file.Guard(() =>
    {
        using var con = _file.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = "SELECT started, tessera_version, command FROM label_runs ORDER BY id";
        using var r = cmd.ExecuteReader();
        var runs = new List<string>();
        while (r.Read()) runs.Add($"{r.GetString(0)} | tessera {r.GetString(1)} | {r.GetString(2)}");
        return (IReadOnlyList<string>)runs;
    });

    private static string StatusText(LabelStatus s) => s == LabelStatus.Ok ? "ok" : "failed";

    private int Initialise(bool create)
    {
        using var con = _file.Open();
        using var cmd = con.CreateCommand();
        // Reading the schema first makes a non-SQLite or damaged file fail here, before anything is written.
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master; PRAGMA quick_check;";
        using (var r = cmd.ExecuteReader())
        {
            r.NextResult();
            if (r.Read() && r.GetString(0) != "ok") throw new LabelStoreException(FilePath, $"damaged database: {r.GetString(0)}. Restore or move the file.");
        }
        if (create)
        {
            cmd.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS label_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                INSERT OR IGNORE INTO label_meta (name, value) VALUES ('format', $format);
                CREATE TABLE IF NOT EXISTS labels (
                    fragment_id INTEGER NOT NULL, level TEXT NOT NULL, status TEXT NOT NULL, energy REAL, forces BLOB,
                    wall_seconds REAL NOT NULL, attempts INTEGER NOT NULL, program TEXT NOT NULL, version TEXT NOT NULL,
                    method TEXT NOT NULL, options TEXT NOT NULL, error TEXT, created TEXT NOT NULL,
                    PRIMARY KEY (fragment_id, level));
                CREATE TABLE IF NOT EXISTS label_runs (id INTEGER PRIMARY KEY AUTOINCREMENT, started TEXT NOT NULL,
                    tessera_version TEXT NOT NULL, command TEXT NOT NULL, description TEXT NOT NULL);
                """;
            cmd.Parameters.AddWithValue("$format", FormatVersion.ToString(CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
        }
        cmd.CommandText = "SELECT value FROM label_meta WHERE name = 'format'";
        object? format;
        try { format = cmd.ExecuteScalar(); }
        catch (SqliteException e) when (e.SqliteErrorCode == 1) { throw new LabelStoreException(FilePath, "a SQLite file without labels: not a label store", e); }
        if (format as string != FormatVersion.ToString(CultureInfo.InvariantCulture))
            throw new LabelStoreException(FilePath, $"label store format '{format}' is not the supported format {FormatVersion}");
        return 0;
    }
}
