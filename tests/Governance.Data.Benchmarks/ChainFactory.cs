using Governance.Domain.Access;
using Governance.Domain.Audit;
using Microsoft.Data.Sqlite;

namespace Governance.Data.Benchmarks;

/// <summary>Builds realistic chains: registry-style actions and ~200-byte JSON payloads that differ per event.</summary>
internal static class ChainFactory
{
    private static readonly string[] Actions =
        [AuditActions.ModelUpdated, AuditActions.VersionRegistered, AuditActions.VersionStageChanged, AuditActions.DatasetVersionRegistered];

    public static List<AuditEvent> Build(int count)
    {
        var events = new List<AuditEvent>(count);
        var random = new Random(42);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var head = (Sequence: 0L, Hash: AuditHasher.GenesisHash);
        for (var i = 0; i < count; i++)
        {
            var model = $"model-{random.Next(500)}";
            var version = random.Next(1, 200);
            var payload =
                $"{{\"model\":\"{model}\",\"version\":{version},\"from\":\"Staging\",\"to\":\"Production\"," +
                $"\"reason\":\"Approved after evaluation run {random.Next(1_000_000)} on the held-out set: macro-F1 0.9{random.Next(100):D2} vs 0.9{random.Next(100):D2}\"," +
                $"\"artifact\":\"{random.NextInt64():x16}\",\"seed\":{random.Next()}}}";
            var entry = new AuditEntry(Actor.User($"user{random.Next(50)}"), Actions[i % Actions.Length], "model-version", $"{model}/{version}", payload);
            var e = AuditChain.Next(entry, head.Sequence, head.Hash, start.AddMilliseconds(i * 1234.5));
            events.Add(e);
            head = (e.Sequence, e.Hash);
        }
        return events;
    }

    /// <summary>Bulk insert with one prepared statement in one transaction (times as the EF model stores them: microseconds).</summary>
    public static async Task InsertSqliteAsync(string connectionString, List<AuditEvent> events)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText =
            "INSERT INTO audit_events (sequence, occurred_at, actor, action, subject_type, subject_id, payload, previous_hash, hash) " +
            "VALUES ($s, $t, $a, $ac, $st, $si, $p, $ph, $h)";
        var p = new[] { "$s", "$t", "$a", "$ac", "$st", "$si", "$p", "$ph", "$h" }.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        insert.Prepare();
        foreach (var e in events)
        {
            p[0].Value = e.Sequence;
            p[1].Value = AuditHasher.ToUnixMicroseconds(e.OccurredAt);
            p[2].Value = e.Actor;
            p[3].Value = e.Action;
            p[4].Value = e.SubjectType;
            p[5].Value = e.SubjectId;
            p[6].Value = e.Payload;
            p[7].Value = e.PreviousHash;
            p[8].Value = e.Hash;
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
    }
}
