using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Governance.Data.Migrations;

/// <summary>
/// Applies the embedded SQL migrations in version order, each in its own transaction, recording
/// version, name and SHA-256 checksum in <c>schema_migrations</c>. An applied file whose content
/// changed is an error. On PostgreSQL a session advisory lock makes concurrent starters wait, and each
/// one re-reads what is applied after it gets the lock, so only the first one migrates.
/// </summary>
public sealed class DatabaseMigrator
{
    /// <summary>Advisory lock key held while migrating on PostgreSQL.</summary>
    public const long MigrationLockKey = 0x676F765F6D696772; // "gov_migr"

    private readonly GovernanceDataOptions _options;
    private readonly IReadOnlyList<MigrationScript> _scripts;
    private readonly TimeProvider _time;
    private readonly ILogger<DatabaseMigrator> _log;

    public DatabaseMigrator(GovernanceDataOptions options, TimeProvider time, ILogger<DatabaseMigrator>? log = null)
        : this(options, MigrationScript.LoadEmbedded(options?.Provider ?? DatabaseProvider.Sqlite), time, log)
    {
    }

    /// <summary>Uses the given scripts instead of the embedded ones (tests).</summary>
    public DatabaseMigrator(GovernanceDataOptions options, IReadOnlyList<MigrationScript> scripts, TimeProvider time, ILogger<DatabaseMigrator>? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(scripts);
        _options = options;
        _scripts = scripts;
        _time = time ?? TimeProvider.System;
        _log = log ?? NullLogger<DatabaseMigrator>.Instance;
    }

    /// <summary>The scripts this migrator knows, in order.</summary>
    public IReadOnlyList<MigrationScript> Scripts => _scripts;

    /// <summary>Brings the database up to the latest script. Returns the versions it applied.</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        var postgres = _options.Provider == DatabaseProvider.Postgres;
        if (postgres)
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({MigrationLockKey})", ct);
        }
        else
        {
            // WAL lets readers go on while one writer writes; the setting is stored in the file.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL", ct);
        }
        try
        {
            await ExecuteAsync(connection, null, postgres
                ? "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL)"
                : "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, checksum TEXT NOT NULL, applied_at TEXT NOT NULL)", ct);
            var applied = new List<int>();
            foreach (var script in _scripts)
            {
                if (await ApplyAsync(connection, script, ct))
                {
                    applied.Add(script.Version);
                }
            }
            return applied;
        }
        finally
        {
            if (postgres)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
            }
        }
    }

    /// <summary>Versions recorded as applied, with their checksums.</summary>
    public async Task<IReadOnlyDictionary<int, string>> AppliedAsync(CancellationToken ct = default)
    {
        await using var connection = Open();
        await connection.OpenAsync(ct);
        return await ReadAppliedAsync(connection, null, ct);
    }

    private async Task<bool> ApplyAsync(DbConnection connection, MigrationScript script, CancellationToken ct)
    {
        // SQLite: BEGIN IMMEDIATE (the provider's default) takes the write lock, so two processes
        // check and apply one at a time. PostgreSQL: the session advisory lock already serialises.
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, ct);
        var applied = await ReadAppliedAsync(connection, tx, ct);
        if (applied.TryGetValue(script.Version, out var checksum))
        {
            if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
            {
                throw new InvalidOperationException(
                    $"Migration {script.FileName} was changed after it was applied (checksum {checksum} in the database, " +
                    $"{script.Checksum} in the file). Applied migrations must never change; add a new one instead.");
            }
            return false;
        }
        _log.LogInformation("Applying migration {File}", script.FileName);
        await ExecuteAsync(connection, tx, script.Sql, ct);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@v, @n, @c, @a)";
            AddParameter(insert, "@v", script.Version);
            AddParameter(insert, "@n", script.Name);
            AddParameter(insert, "@c", script.Checksum);
            var now = _time.GetUtcNow();
            AddParameter(insert, "@a", _options.Provider == DatabaseProvider.Postgres ? now : now.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT version, checksum FROM schema_migrations";
        var applied = new Dictionary<int, string>();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                applied[reader.GetInt32(0)] = reader.GetString(1);
            }
        }
        catch (DbException) when (tx is null)
        {
            // No table yet: nothing applied.
        }
        return applied;
    }

    private DbConnection Open() => _options.Provider == DatabaseProvider.Postgres
        ? new NpgsqlConnection(_options.ConnectionString)
        : new SqliteConnection(_options.ConnectionString);

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? tx, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        command.CommandTimeout = 300;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
