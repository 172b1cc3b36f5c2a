using Governance.Data.Artifacts;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data.Backup;

/// <summary>Result of re-hashing the artifact store: files checked and every problem found.</summary>
public sealed record ArtifactVerification(int FilesChecked, int ReferencesChecked, IReadOnlyList<string> Problems)
{
    public bool IsIntact => Problems.Count == 0;
}

/// <summary>
/// Re-hashes every file under the store's <c>sha256/</c> folder (its name must be its SHA-256) and checks
/// that every artifact and dataset hash the database refers to is present.
/// </summary>
public static class ArtifactStoreVerification
{
    public static async Task<ArtifactVerification> VerifyAsync(ArtifactStore store, GovernanceDbContext db, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(db);
        var problems = new List<string>();
        var files = 0;
        var folder = Path.Combine(store.Root, "sha256");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                files++;
                var name = Path.GetFileName(file);
                var actual = await FileHashes.Sha256Async(file, ct);
                if (actual != name)
                {
                    problems.Add($"{Path.GetRelativePath(store.Root, file)} hashes to {actual}.");
                }
            }
        }
        var referenced = await db.ModelVersions.Where(v => v.ArtifactHash != null).Select(v => v.ArtifactHash!).ToListAsync(ct);
        referenced.AddRange(await db.DatasetVersions.Select(d => d.ContentHash).ToListAsync(ct));
        var distinct = referenced.Distinct(StringComparer.Ordinal).ToList();
        problems.AddRange(distinct.Where(h => !store.Exists(h)).Select(h => $"Referenced content {h} is missing from the store."));
        return new ArtifactVerification(files, distinct.Count, problems);
    }
}
