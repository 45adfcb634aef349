using Microsoft.Data.Sqlite;

namespace Tessera.Core;

/// <summary>One SQLite database file as Tessera's stores use it (the engine result cache, the label store): the
/// connection settings, opening with a busy timeout so that several processes can share the file, and the guard
/// that turns every SQLite error into the store's own typed exception, naming the file and, for a file that is
/// not SQLite or is damaged, what to do. In Core so that stores in any folder can share it.</summary>
internal sealed class SqliteFile
{
    private const int BusyTimeoutSeconds = 120;
    private readonly string _connectionString;
    private readonly string _kind, _remedy;
    private readonly Func<string, Exception, Exception> _error;

    /// <param name="kind">What the file should be, for messages ("result cache").</param>
    /// <param name="remedy">What to do with an unreadable file ("Delete or move the file.").</param>
    /// <param name="error">The store's exception from a problem text and the SQLite error.</param>
    /// <param name="pooling">Keep connections open between operations (fast; the file stays open until exit).</param>
    public SqliteFile(string filePath, bool create, bool pooling, string kind, string remedy, Func<string, Exception, Exception> error)
    {
        FilePath = filePath; _kind = kind; _remedy = remedy; _error = error;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = filePath,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadOnly,
            DefaultTimeout = BusyTimeoutSeconds,
            Pooling = pooling,
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>An open connection that waits for other writers (busy timeout) rather than failing at once.</summary>
    public SqliteConnection Open()
    {
        var con = new SqliteConnection(_connectionString);
        con.Open();
        using var cmd = con.CreateCommand();
        cmd.CommandText = $"PRAGMA busy_timeout = {BusyTimeoutSeconds * 1000};";
        cmd.ExecuteNonQuery();
        return con;
    }

    /// <summary>Runs <paramref name="operation"/>; a SQLite error leaves as the store's exception.</summary>
    public T Guard<T>(Func<T> operation)
    {
        try { return operation(); }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            throw _error($"not a valid {_kind} (corrupted, truncated or not SQLite): {e.Message}. {_remedy}", e);
        }
        catch (SqliteException e) { throw _error(e.Message, e); }
    }

    /// <summary>The same for an operation without a result.</summary>
    public void Guard(Action operation) => Guard(() => { operation(); return 0; });
}
