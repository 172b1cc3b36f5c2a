using Governance.Data;

namespace Governance.Pipelines.UseCases;

/// <summary>Runs a loop change and its audit events in one write transaction (commit, or roll back and forget tracked changes).</summary>
internal static class LoopWrite
{
    public static async Task<T> RunAsync<T>(GovernanceDbContext db, Func<Task<T>> change, CancellationToken ct)
    {
        await using var tx = await db.BeginWriteAsync(ct);
        try
        {
            var result = await change();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return result;
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
    }
}
