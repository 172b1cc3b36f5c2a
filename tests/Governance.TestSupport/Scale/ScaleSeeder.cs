using System.Diagnostics;
using System.Threading.Channels;
using Governance.Domain.Audit;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Governance.TestSupport.Scale;

/// <summary>What a seeding run wrote and how long it took.</summary>
public sealed record ScaleSeedResult(int Models, int Versions, int AuditEvents, TimeSpan Registry, TimeSpan Audit);

/// <summary>
/// Fills a migrated, otherwise ready database (admin already bootstrapped is fine) with a large
/// registry and audit trail: PostgreSQL through binary COPY, SQLite through prepared statements in one
/// transaction. The audit events continue the existing chain from its head, so verification passes.
/// Writes rows directly (not through ModelRegistry): a million use-case calls would take an hour.
/// </summary>
public static class ScaleSeeder
{
    private const int BatchSize = 10_000;

    public static async Task<ScaleSeedResult> SeedPostgresAsync(string connectionString, int models = 200, int versionsPerModel = 50, int auditEvents = 1_000_000)
    {
        var (ms, ds, vs) = ScaleData.Registry(models, versionsPerModel);
        await using var c = new NpgsqlConnection(connectionString);
        await c.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var w = await c.BeginBinaryImportAsync("COPY models (id, name, task, domain, owner, risk_tier, intended_use, description, sensitive_attributes, created_at, created_by, latest_version_number) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var m in ms)
            {
                await w.StartRowAsync();
                await w.WriteAsync(m.Id, NpgsqlDbType.Uuid);
                foreach (var text in new[] { m.Name, m.Task, m.Domain, m.Owner, m.RiskTier, "Triage of " + m.Task + " cases.", "Seeded for scale tests.", "[]" })
                {
                    await w.WriteAsync(text, NpgsqlDbType.Text);
                }
                await w.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz);
                await w.WriteAsync("user:" + m.Owner, NpgsqlDbType.Text);
                await w.WriteAsync(m.LatestVersion, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY dataset_versions (id, name, version, format, content_hash, size_bytes, row_count, columns, source, description, created_at, created_by) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var d in ds)
            {
                await w.StartRowAsync();
                await w.WriteAsync(d.Id, NpgsqlDbType.Uuid);
                await w.WriteAsync(d.Name, NpgsqlDbType.Text);
                await w.WriteAsync(d.Version, NpgsqlDbType.Integer);
                await w.WriteAsync("Jsonl", NpgsqlDbType.Text);
                await w.WriteAsync(d.ContentHash, NpgsqlDbType.Text);
                await w.WriteAsync(123_456L, NpgsqlDbType.Bigint);
                await w.WriteAsync(1_000L, NpgsqlDbType.Bigint);
                await w.WriteAsync("[\"text\",\"label\"]", NpgsqlDbType.Text);
                await w.WriteAsync("seed", NpgsqlDbType.Text);
                await w.WriteAsync("", NpgsqlDbType.Text);
                await w.WriteAsync(d.CreatedAt, NpgsqlDbType.TimestampTz);
                await w.WriteAsync("user:seed", NpgsqlDbType.Text);
            }
            await w.CompleteAsync();
        }
        await using (var w = await c.BeginBinaryImportAsync("COPY model_versions (id, model_id, number, stage, parent_version_id, dataset_version_id, training_config, code_version, description, created_at, created_by, stage_changed_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var v in vs)
            {
                await w.StartRowAsync();
                await w.WriteAsync(v.Id, NpgsqlDbType.Uuid);
                await w.WriteAsync(v.ModelId, NpgsqlDbType.Uuid);
                await w.WriteAsync(v.Number, NpgsqlDbType.Integer);
                await w.WriteAsync(v.Stage, NpgsqlDbType.Text);
                if (v.ParentId is { } p)
                {
                    await w.WriteAsync(p, NpgsqlDbType.Uuid);
                }
                else
                {
                    await w.WriteNullAsync();
                }
                await w.WriteAsync(v.DatasetId, NpgsqlDbType.Uuid);
                await w.WriteAsync("{\"epochs\":3}", NpgsqlDbType.Text);
                await w.WriteAsync("git:abc123", NpgsqlDbType.Text);
                await w.WriteAsync("", NpgsqlDbType.Text);
                await w.WriteAsync(v.CreatedAt, NpgsqlDbType.TimestampTz);
                await w.WriteAsync(v.CreatedBy, NpgsqlDbType.Text);
                await w.WriteAsync(v.CreatedAt, NpgsqlDbType.TimestampTz);
            }
            await w.CompleteAsync();
        }
        var registry = clock.Elapsed;
        clock.Restart();
        var (sequence, hash) = await HeadAsync(c);
        // Hashing is sequential (each hash covers the previous one), so it runs on its own thread and
        // hands batches to the COPY, which writes with the synchronous calls (no per-field task).
        var batches = Channel.CreateBounded<AuditEvent[]>(8);
        var producer = Task.Run(async () =>
        {
            var batch = new List<AuditEvent>(BatchSize);
            foreach (var e in ScaleData.AuditEvents(auditEvents, sequence, hash, ms, versionsPerModel))
            {
                batch.Add(e);
                if (batch.Count == BatchSize)
                {
                    await batches.Writer.WriteAsync(batch.ToArray());
                    batch.Clear();
                }
            }
            await batches.Writer.WriteAsync(batch.ToArray());
            batches.Writer.Complete();
        });
        await using (var w = await c.BeginBinaryImportAsync("COPY audit_events (sequence, occurred_at, actor, action, subject_type, subject_id, payload, previous_hash, hash) FROM STDIN (FORMAT BINARY)"))
        {
            await foreach (var batch in batches.Reader.ReadAllAsync())
            {
                foreach (var e in batch)
                {
                    w.StartRow();
                    w.Write(e.Sequence, NpgsqlDbType.Bigint);
                    w.Write(e.OccurredAt, NpgsqlDbType.TimestampTz);
                    w.Write(e.Actor, NpgsqlDbType.Text);
                    w.Write(e.Action, NpgsqlDbType.Text);
                    w.Write(e.SubjectType, NpgsqlDbType.Text);
                    w.Write(e.SubjectId, NpgsqlDbType.Text);
                    w.Write(e.Payload, NpgsqlDbType.Text);
                    w.Write(e.PreviousHash, NpgsqlDbType.Text);
                    w.Write(e.Hash, NpgsqlDbType.Text);
                }
            }
            await w.CompleteAsync();
        }
        await producer;
        // VACUUM too: it sets the visibility map, as autovacuum would in steady state, so index-only
        // scans (versions per model) skip the heap.
        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", c))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        return new ScaleSeedResult(ms.Count, vs.Count, auditEvents, registry, clock.Elapsed);
    }

    private static async Task<(long Sequence, string Hash)> HeadAsync(NpgsqlConnection c)
    {
        await using var cmd = new NpgsqlCommand("SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1", c);
        await using var r = await cmd.ExecuteReaderAsync();
        return await r.ReadAsync() ? (r.GetInt64(0), r.GetString(1)) : (0, AuditHasher.GenesisHash);
    }

    public static async Task<ScaleSeedResult> SeedSqliteAsync(string connectionString, int models = 200, int versionsPerModel = 50, int auditEvents = 1_000_000)
    {
        var (ms, ds, vs) = ScaleData.Registry(models, versionsPerModel);
        await using var c = new SqliteConnection(connectionString);
        await c.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var tx = (SqliteTransaction)await c.BeginTransactionAsync())
        {
            await SqliteRowsAsync(c, tx, "INSERT INTO models (id, name, task, domain, owner, risk_tier, intended_use, description, sensitive_attributes, created_at, created_by, latest_version_number) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'[]',$9,$10,$11)",
                ms.Select(m => new object?[] { G(m.Id), m.Name, m.Task, m.Domain, m.Owner, m.RiskTier, "Triage of " + m.Task + " cases.", "Seeded for scale tests.", Us(m.CreatedAt), "user:" + m.Owner, m.LatestVersion }));
            await SqliteRowsAsync(c, tx, "INSERT INTO dataset_versions (id, name, version, format, content_hash, size_bytes, row_count, columns, source, description, created_at, created_by) VALUES ($1,$2,$3,'Jsonl',$4,123456,1000,'[\"text\",\"label\"]','seed','',$5,'user:seed')",
                ds.Select(d => new object?[] { G(d.Id), d.Name, d.Version, d.ContentHash, Us(d.CreatedAt) }));
            await SqliteRowsAsync(c, tx, "INSERT INTO model_versions (id, model_id, number, stage, parent_version_id, dataset_version_id, training_config, code_version, description, created_at, created_by, stage_changed_at) VALUES ($1,$2,$3,$4,$5,$6,'{\"epochs\":3}','git:abc123','',$7,$8,$7)",
                vs.Select(v => new object?[] { G(v.Id), G(v.ModelId), v.Number, v.Stage, v.ParentId is { } p ? G(p) : null, G(v.DatasetId), Us(v.CreatedAt), v.CreatedBy }));
            await tx.CommitAsync();
        }
        var registry = clock.Elapsed;
        clock.Restart();
        long sequence = 0;
        var hash = AuditHasher.GenesisHash;
        await using (var head = new SqliteCommand("SELECT sequence, hash FROM audit_events ORDER BY sequence DESC LIMIT 1", c))
        await using (var r = await head.ExecuteReaderAsync())
        {
            if (await r.ReadAsync())
            {
                (sequence, hash) = (r.GetInt64(0), r.GetString(1));
            }
        }
        await using (var tx = (SqliteTransaction)await c.BeginTransactionAsync())
        {
            await SqliteRowsAsync(c, tx, "INSERT INTO audit_events (sequence, occurred_at, actor, action, subject_type, subject_id, payload, previous_hash, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
                ScaleData.AuditEvents(auditEvents, sequence, hash, ms, versionsPerModel).Select(e => new object?[]
                    { e.Sequence, Us(e.OccurredAt), e.Actor, e.Action, e.SubjectType, e.SubjectId, e.Payload, e.PreviousHash, e.Hash }));
            await tx.CommitAsync();
        }
        await using (var analyze = new SqliteCommand("ANALYZE", c))
        {
            await analyze.ExecuteNonQueryAsync();
        }
        return new ScaleSeedResult(ms.Count, vs.Count, auditEvents, registry, clock.Elapsed);
    }

    /// <summary>One prepared statement, parameters rebound per row.</summary>
    private static async Task SqliteRowsAsync(SqliteConnection c, SqliteTransaction tx, string sql, IEnumerable<object?[]> rows)
    {
        await using var cmd = new SqliteCommand(sql, c, tx);
        SqliteParameter[]? ps = null;
        foreach (var row in rows)
        {
            if (ps is null)
            {
                ps = new SqliteParameter[row.Length];
                for (var i = 0; i < row.Length; i++)
                {
                    ps[i] = cmd.Parameters.Add(new SqliteParameter("$" + (i + 1), null));
                }
                cmd.Prepare();
            }
            for (var i = 0; i < row.Length; i++)
            {
                ps[i].Value = row[i] ?? DBNull.Value;
            }
            await cmd.ExecuteNonQueryAsync();
        }
    }

    // EF Core's SQLite provider stores GUIDs as upper-case text; times are microseconds since the epoch.
    private static string G(Guid id) => id.ToString().ToUpperInvariant();

    private static long Us(DateTimeOffset t) => AuditHasher.ToUnixMicroseconds(t);
}
