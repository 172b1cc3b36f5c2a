using System.Globalization;
using System.Runtime.CompilerServices;
using Governance.Domain;
using Governance.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Governance.Data.Audit;

/// <summary>
/// The hash-chained, append-only audit trail. Appends join the caller's transaction (opened with
/// <see cref="WriteTransactions.BeginWriteAsync"/>), so an event exists exactly when its change does.
/// </summary>
public sealed class AuditTrail(GovernanceDbContext db, TimeProvider time)
{
    /// <summary>Rows read per round trip when verifying or exporting.</summary>
    public const int BatchSize = 10_000;

    /// <summary>
    /// Appends an event after the current head, inside the caller's open transaction, and saves it
    /// (with any other pending changes of the context). Throws if no transaction is open.
    /// </summary>
    public async Task<AuditEvent> AppendAsync(AuditEntry entry, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException(
                "Audit events are appended only inside the transaction of the change they record; begin one with BeginWriteAsync.");
        }
        // Serialise against every other writer before reading the head, so two appends never share a parent.
        await db.TakeWriteLockAsync(ct);
        var head = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(ct);
        var next = AuditChain.Next(entry, head?.Sequence ?? 0, head?.Hash ?? AuditHasher.GenesisHash, time.GetUtcNow());
        db.AuditEvents.Add(next);
        await db.SaveChangesAsync(ct);
        db.Entry(next).State = EntityState.Detached;
        return next;
    }

    /// <summary>
    /// Records an event that is the whole change (a sign-in, an export): opens a write transaction,
    /// appends, commits. Use <see cref="AppendAsync"/> when the event accompanies another change.
    /// </summary>
    public async Task<AuditEvent> RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        var appended = await AppendAsync(entry, ct);
        await tx.CommitAsync(ct);
        return appended;
    }

    /// <summary>One page of matching events, newest first, by keyset on the sequence (no OFFSET).</summary>
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            throw DomainException.Invalid($"Page size must be between 1 and {AuditQuery.MaxPageSize}; got {query.PageSize}.");
        }
        if (query.Before is not null && query.After is not null)
        {
            throw DomainException.Invalid("Give either 'before' or 'after', not both.");
        }
        var filtered = await FilterAsync(query, ct);
        List<AuditEvent> rows;
        bool older, newer;
        if (query.After is { } after)
        {
            rows = await filtered.Where(e => e.Sequence > after).OrderBy(e => e.Sequence).Take(query.PageSize + 1).ToListAsync(ct);
            newer = rows.Count > query.PageSize;
            rows = rows.Take(query.PageSize).Reverse().ToList();
            var oldest = rows.Count > 0 ? rows[^1].Sequence : 0;
            older = rows.Count > 0 && await filtered.AnyAsync(e => e.Sequence < oldest, ct);
        }
        else
        {
            var q = query.Before is { } before ? filtered.Where(e => e.Sequence < before) : filtered;
            rows = await q.OrderByDescending(e => e.Sequence).Take(query.PageSize + 1).ToListAsync(ct);
            older = rows.Count > query.PageSize;
            rows = rows.Take(query.PageSize).ToList();
            var newest = rows.Count > 0 ? rows[0].Sequence : 0;
            newer = query.Before is not null && rows.Count > 0 && await filtered.AnyAsync(e => e.Sequence > newest, ct);
        }
        return new AuditPage(rows, older ? rows[^1].Sequence : null, newer ? rows[0].Sequence : null);
    }

    /// <summary>Every matching event in ascending sequence, read in batches (for exports).</summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filtered = await FilterAsync(query, ct);
        if (query.Before is { } before)
        {
            filtered = filtered.Where(e => e.Sequence < before);
        }
        long last = query.After ?? 0;
        while (true)
        {
            var from = last;
            var batch = await filtered.Where(e => e.Sequence > from).OrderBy(e => e.Sequence).Take(BatchSize).ToListAsync(ct);
            foreach (var e in batch)
            {
                yield return e;
            }
            if (batch.Count < BatchSize)
            {
                yield break;
            }
            last = batch[^1].Sequence;
        }
    }

    /// <summary>Walks the whole chain in batches and reports the first broken link, if any.</summary>
    public async Task<ChainVerification> VerifyAsync(CancellationToken ct = default)
    {
        var verifier = new AuditChainVerifier();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            long last = 0;
            while (true)
            {
                var batch = await ReadChainBatchAsync(last, ct);
                if (batch.Count == 0 || !verifier.Feed(batch) || batch.Count < BatchSize)
                {
                    return verifier.Result();
                }
                last = batch[^1].Sequence;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// Reads the next batch with a plain data reader: verification reads every row, and EF's
    /// materialisation cost several times the hashing. The columns are those the schema test checks.
    /// </summary>
    private async Task<List<AuditEvent>> ReadChainBatchAsync(long after, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText =
            "SELECT sequence, occurred_at, actor, action, subject_type, subject_id, payload, previous_hash, hash " +
            $"FROM audit_events WHERE sequence > @after ORDER BY sequence LIMIT {BatchSize}";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@after";
        parameter.Value = after;
        command.Parameters.Add(parameter);
        var sqlite = db.Provider == DatabaseProvider.Sqlite;
        var batch = new List<AuditEvent>(BatchSize);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            batch.Add(new AuditEvent
            {
                Sequence = reader.GetInt64(0),
                OccurredAt = sqlite
                    ? DateTimeOffset.UnixEpoch.AddTicks(reader.GetInt64(1) * 10)
                    : reader.GetFieldValue<DateTimeOffset>(1),
                Actor = reader.GetString(2),
                Action = reader.GetString(3),
                SubjectType = reader.GetString(4),
                SubjectId = reader.GetString(5),
                Payload = reader.GetString(6),
                PreviousHash = reader.GetString(7),
                Hash = reader.GetString(8),
            });
        }
        return batch;
    }

    /// <summary>Subject type of the loop's approval requests (the pipelines' <c>LoopAudit.ApprovalSubject</c>).</summary>
    public const string ApprovalRequestSubject = "approval-request";

    private async Task<IQueryable<AuditEvent>> FilterAsync(AuditQuery q, CancellationToken ct) =>
        Filter(q, string.IsNullOrEmpty(q.SubjectPrefix) ? [] : await ApprovalSubjectsUnderAsync(q.SubjectPrefix, ct));

    /// <summary>
    /// The approval requests of the model or version a prefix names ("name" or "name/3"): their events have the
    /// request as subject, yet belong on that model's or version's timeline.
    /// </summary>
    private async Task<List<string>> ApprovalSubjectsUnderAsync(string prefix, CancellationToken ct)
    {
        var model = prefix;
        int? number = null;
        var slash = prefix.LastIndexOf('/');
        if (slash > 0 && int.TryParse(prefix[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            model = prefix[..slash];
            number = n;
        }
        var ids = await (from a in db.ApprovalRequests.AsNoTracking()
                         join v in db.ModelVersions.AsNoTracking() on a.ModelVersionId equals v.Id
                         join m in db.Models.AsNoTracking() on v.ModelId equals m.Id
                         where m.Name == model && (number == null || v.Number == number)
                         select a.Id).ToListAsync(ct);
        return ids.Select(id => id.ToString()).ToList();
    }

    private IQueryable<AuditEvent> Filter(AuditQuery q, List<string> approvalSubjects)
    {
        var events = db.AuditEvents.AsNoTracking();
        if (q.From is { } from)
        {
            events = events.Where(e => e.OccurredAt >= from);
        }
        if (q.To is { } to)
        {
            events = events.Where(e => e.OccurredAt < to);
        }
        if (!string.IsNullOrEmpty(q.Actor))
        {
            events = events.Where(e => e.Actor == q.Actor);
        }
        if (!string.IsNullOrEmpty(q.Action))
        {
            events = events.Where(e => e.Action == q.Action);
        }
        if (!string.IsNullOrEmpty(q.SubjectType))
        {
            events = events.Where(e => e.SubjectType == q.SubjectType);
        }
        if (!string.IsNullOrEmpty(q.SubjectId))
        {
            events = events.Where(e => e.SubjectId == q.SubjectId);
        }
        if (q.SubjectTypes is { Count: > 0 } types)
        {
            var list = types.ToList();
            events = events.Where(e => list.Contains(e.SubjectType));
        }
        if (!string.IsNullOrEmpty(q.SubjectPrefix))
        {
            events = WithSubjectPrefix(events, q.SubjectPrefix, approvalSubjects);
        }
        return events;
    }

    /// <summary>
    /// Id equal to the prefix, or below it after a '/'. PostgreSQL: LIKE with the prefix escaped
    /// (index: subject_id text_pattern_ops, right under any collation). SQLite: the range
    /// ('p/', 'p0') in its binary collation ('0' follows '/'), which its LIKE (case-insensitive) could not seek.
    /// </summary>
    private IQueryable<AuditEvent> WithSubjectPrefix(IQueryable<AuditEvent> events, string prefix, List<string> approvalSubjects)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            var pattern = prefix.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal) + "/%";
            return approvalSubjects.Count == 0
                ? events.Where(e => e.SubjectId == prefix || EF.Functions.Like(e.SubjectId, pattern, "\\"))
                : events.Where(e => e.SubjectId == prefix || EF.Functions.Like(e.SubjectId, pattern, "\\")
                    || (e.SubjectType == ApprovalRequestSubject && approvalSubjects.Contains(e.SubjectId)));
        }
        var low = prefix + "/";
        var high = prefix + "0";
        return approvalSubjects.Count == 0
            ? events.Where(e => e.SubjectId == prefix || (string.Compare(e.SubjectId, low) > 0 && string.Compare(e.SubjectId, high) < 0))
            : events.Where(e => e.SubjectId == prefix || (string.Compare(e.SubjectId, low) > 0 && string.Compare(e.SubjectId, high) < 0)
                || (e.SubjectType == ApprovalRequestSubject && approvalSubjects.Contains(e.SubjectId)));
    }
}
