using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Governance.Data.Backup;

/// <summary>
/// Backs up the database and the artifact store together into one timestamped folder with a
/// manifest, and restores such a folder into a fresh (empty) database and artifact root.
/// PostgreSQL: <c>pg_dump --format=custom</c> / <c>pg_restore</c>; SQLite: <c>VACUUM INTO</c> (an
/// online, consistent copy) / file copy. The database is saved first and the artifacts after it:
/// artifacts are immutable and content-addressed, so every file the saved database refers to is
/// already in the store when it is copied.
/// </summary>
public sealed class GovernanceBackup(GovernanceDataOptions options, TimeProvider time, string? postgresBinDirectory = null)
{
    private const string ArtifactsFolder = "artifacts";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly PostgresTools _postgres = new(postgresBinDirectory);

    /// <summary>
    /// Writes <c>governance-backup-yyyyMMddTHHmmssZ/</c> under <paramref name="parentFolder"/>: the database
    /// (<c>database.dump</c> or <c>database.sqlite</c>), <c>artifacts/sha256/..</c> and <c>manifest.json</c>.
    /// <paramref name="auditEvents"/> and <paramref name="auditHeadHash"/> are the verified chain at the start, for the record.
    /// </summary>
    public async Task<(string Folder, BackupManifest Manifest)> CreateAsync(string parentFolder, long auditEvents, string? auditHeadHash, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parentFolder);
        var now = time.GetUtcNow();
        var folder = Path.Combine(Path.GetFullPath(parentFolder), $"governance-backup-{now:yyyyMMdd'T'HHmmss'Z'}");
        if (Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Backup folder '{folder}' already exists; wait a second and run again.");
        }
        Directory.CreateDirectory(folder);

        string databaseFile;
        if (options.Provider == DatabaseProvider.Postgres)
        {
            databaseFile = Path.Combine(folder, "database.dump");
            await _postgres.DumpAsync(options.ConnectionString, databaseFile, ct);
        }
        else
        {
            databaseFile = Path.Combine(folder, "database.sqlite");
            await using var connection = new SqliteConnection(options.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "VACUUM INTO $file";
            command.Parameters.AddWithValue("$file", databaseFile);
            await command.ExecuteNonQueryAsync(ct);
        }
        var database = await FileHashes.DescribeAsync(folder, databaseFile, ct);

        var artifacts = new List<BackupFile>();
        var storeFiles = Path.Combine(options.ArtifactRoot, "sha256");
        if (Directory.Exists(storeFiles))
        {
            foreach (var source in Directory.EnumerateFiles(storeFiles, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var target = Path.Combine(folder, ArtifactsFolder, Path.GetRelativePath(options.ArtifactRoot, source));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target);
                artifacts.Add(await FileHashes.DescribeAsync(folder, target, ct));
            }
        }
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, now, options.Provider, database, artifacts, auditEvents, auditHeadHash);
        await File.WriteAllTextAsync(Path.Combine(folder, BackupManifest.FileName), JsonSerializer.Serialize(manifest, Json), ct);
        return (folder, manifest);
    }

    /// <summary>Reads a backup's manifest and checks every file it lists against its SHA-256 and size.</summary>
    public static async Task<BackupManifest> ReadAndCheckAsync(string backupFolder, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(backupFolder);
        var manifestPath = Path.Combine(backupFolder, BackupManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidOperationException($"'{backupFolder}' is not a backup: {BackupManifest.FileName} is missing.");
        }
        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath, ct), Json)
            ?? throw new InvalidOperationException($"{manifestPath} is empty.");
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw new InvalidOperationException($"Backup format '{manifest.Format}' is not supported (expected {BackupManifest.CurrentFormat}).");
        }
        foreach (var file in manifest.Artifacts.Prepend(manifest.Database))
        {
            var full = Path.GetFullPath(Path.Combine(backupFolder, file.Path));
            if (!full.StartsWith(Path.GetFullPath(backupFolder) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Manifest path '{file.Path}' leaves the backup folder.");
            }
            if (!File.Exists(full))
            {
                throw new InvalidOperationException($"Backup file '{file.Path}' is missing.");
            }
            var actual = await FileHashes.DescribeAsync(backupFolder, full, ct);
            if (actual.Sha256 != file.Sha256 || actual.Bytes != file.Bytes)
            {
                throw new InvalidOperationException($"Backup file '{file.Path}' does not match the manifest (SHA-256 {actual.Sha256}, expected {file.Sha256}).");
            }
        }
        return manifest;
    }

    /// <summary>
    /// Restores <paramref name="backupFolder"/> into the configured database and artifact root, both of
    /// which must be empty (a fresh database created by the operator; an empty or missing folder).
    /// The backup is checked against its manifest first, so a damaged copy changes nothing.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string backupFolder, CancellationToken ct = default)
    {
        var manifest = await ReadAndCheckAsync(backupFolder, ct);
        if (manifest.Provider != options.Provider)
        {
            throw new InvalidOperationException($"The backup is of a {manifest.Provider} database but the configured database is {options.Provider}.");
        }
        if (Directory.Exists(options.ArtifactRoot) && Directory.EnumerateFiles(options.ArtifactRoot, "*", SearchOption.AllDirectories).Any())
        {
            throw new InvalidOperationException($"Artifact root '{options.ArtifactRoot}' is not empty; restore into a fresh folder.");
        }
        await EnsureEmptyDatabaseAsync(ct);

        var databaseFile = Path.Combine(backupFolder, manifest.Database.Path);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            await _postgres.RestoreAsync(options.ConnectionString, databaseFile, ct);
        }
        else
        {
            var target = SqliteFile();
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(databaseFile, target, overwrite: true);
        }

        foreach (var file in manifest.Artifacts)
        {
            var relative = file.Path[(ArtifactsFolder.Length + 1)..];
            var target = Path.Combine(options.ArtifactRoot, relative.Replace('/', Path.DirectorySeparatorChar));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(backupFolder, file.Path), target);
        }
        return manifest;
    }

    private async Task EnsureEmptyDatabaseAsync(CancellationToken ct)
    {
        if (options.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(options.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
            if (Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                throw new InvalidOperationException($"Database '{connection.Database}' is not empty; restore into a freshly created database.");
            }
            return;
        }
        var file = SqliteFile();
        if (File.Exists(file) && new FileInfo(file).Length > 0)
        {
            throw new InvalidOperationException($"SQLite file '{file}' already exists; restore into a fresh file.");
        }
    }

    private string SqliteFile()
    {
        var source = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:"
            ? throw new InvalidOperationException("Restoring needs a SQLite file, not an in-memory database.")
            : Path.GetFullPath(source);
    }
}
