using Microsoft.Data.Sqlite;

namespace Governance.TestSupport;

/// <summary>A SQLite database file in its own temporary folder, deleted on dispose.</summary>
public sealed class SqliteDatabase : IDisposable
{
    public SqliteDatabase()
    {
        Folder = Path.Combine(Path.GetTempPath(), "gov-sqlite-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Folder);
        FilePath = Path.Combine(Folder, "governance.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = FilePath, DefaultTimeout = 60 }.ToString();
    }

    public string Folder { get; }
    public string FilePath { get; }
    public string ConnectionString { get; }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
