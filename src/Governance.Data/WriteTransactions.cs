using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Governance.Data;

/// <summary>
/// Opens the transaction every change runs in. Writes are serialised: on PostgreSQL by a
/// transaction-scoped advisory lock (the same one the audit trail takes), on SQLite by taking the
/// write lock at BEGIN (BEGIN IMMEDIATE), so reads made inside the transaction are not stale by the
/// time it writes, and the audit chain never forks.
/// </summary>
public static class WriteTransactions
{
    /// <summary>Advisory lock key that serialises writers (and so audit appends) on PostgreSQL.</summary>
    public const long WriteLockKey = 0x676F765F61756474; // "gov_audt"

    /// <summary>Begins a write transaction and takes the writers' lock. Dispose without commit to roll back.</summary>
    public static async Task<IDbContextTransaction> BeginWriteAsync(this GovernanceDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is not null)
        {
            throw new InvalidOperationException("A write transaction is already open on this context.");
        }
        // Microsoft.Data.Sqlite begins Serializable, non-deferred transactions with BEGIN IMMEDIATE.
        var isolation = db.Provider == DatabaseProvider.Sqlite ? IsolationLevel.Serializable : IsolationLevel.ReadCommitted;
        var tx = await db.Database.BeginTransactionAsync(isolation, ct);
        try
        {
            await db.TakeWriteLockAsync(ct);
            return tx;
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    /// <summary>Takes the writers' lock inside the current transaction (re-entrant; a no-op on SQLite).</summary>
    internal static async Task TakeWriteLockAsync(this GovernanceDbContext db, CancellationToken ct)
    {
        if (db.Provider == DatabaseProvider.Postgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({WriteLockKey})", ct);
        }
    }
}
