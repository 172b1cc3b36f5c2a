using Governance.Domain;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data;

/// <summary>Runs a change in one write transaction: commit on success; on failure roll back and forget tracked changes.</summary>
internal static class WriteScope
{
    public static async Task<T> RunAsync<T>(GovernanceDbContext db, string conflictMessage, Func<Task<T>> change, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        try
        {
            var result = await change();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation())
        {
            db.ChangeTracker.Clear();
            throw DomainException.Conflict(conflictMessage);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
