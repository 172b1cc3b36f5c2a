using Governance.Data.Artifacts;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data.Registry;

public sealed partial class ModelRegistry
{
    /// <summary>
    /// Stores an uploaded dataset file (JSONL or CSV, at most <paramref name="maxBytes"/>), parses it,
    /// and registers it as the next version of <c>draft.Name</c>. If anything fails after the file was
    /// stored, the file is removed again unless other rows reference the same content.
    /// </summary>
    public async Task<DatasetVersion> RegisterDatasetVersionAsync(
        DatasetDraft draft, DatasetFormat format, Stream content, long maxBytes, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(actor);
        Names.RequireSlug(draft.Name, "Dataset");
        StoredArtifact stored;
        try
        {
            stored = await artifacts.SaveAsync(content, maxBytes, ct);
        }
        catch (ArtifactTooLargeException ex)
        {
            throw DomainException.Invalid($"The dataset file is larger than the limit of {ex.MaxBytes:N0} bytes.");
        }
        try
        {
            DatasetFile file;
            await using (var read = artifacts.OpenRead(stored.Hash))
            {
                file = parser.Parse(read, format, stored.Hash, stored.SizeBytes);
            }
            return await WriteScope.RunAsync(db, $"Dataset '{draft.Name}' got a new version concurrently; try again.", async () =>
            {
                var latest = await db.DatasetVersions.Where(d => d.Name == draft.Name).MaxAsync(d => (int?)d.Version, ct) ?? 0;
                var dataset = DatasetVersion.Register(draft, latest + 1, file, actor.ToString(), time.GetUtcNow());
                db.DatasetVersions.Add(dataset);
                await audit.AppendAsync(new AuditEntry(actor, AuditActions.DatasetVersionRegistered, DatasetSubject,
                    $"{dataset.Name}/{dataset.Version}", AuditPayload.Of(new { after = AuditPayload.Snapshot(dataset) })), ct);
                return dataset;
            }, ct);
        }
        catch
        {
            await RemoveIfOrphanAsync(stored, CancellationToken.None);
            throw;
        }
    }

    /// <summary>Dataset versions, newest first; all datasets or those of one name.</summary>
    public async Task<IReadOnlyList<DatasetVersion>> ListDatasetVersionsAsync(string? name = null, CancellationToken ct = default)
    {
        var datasets = db.DatasetVersions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(name))
        {
            datasets = datasets.Where(d => d.Name == name);
        }
        return await datasets.OrderBy(d => d.Name).ThenByDescending(d => d.Version).ToListAsync(ct);
    }

    public async Task<DatasetVersion?> GetDatasetVersionAsync(string name, int version, CancellationToken ct = default) =>
        await db.DatasetVersions.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name && d.Version == version, ct);

    public async Task<DatasetVersion?> GetDatasetVersionAsync(Guid id, CancellationToken ct = default) =>
        await db.DatasetVersions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);

    private async Task RemoveIfOrphanAsync(StoredArtifact stored, CancellationToken ct)
    {
        if (stored.AlreadyExisted)
        {
            return; // someone else's file: not ours to remove
        }
        var referenced = await db.DatasetVersions.AnyAsync(d => d.ContentHash == stored.Hash, ct)
            || await db.ModelVersions.AnyAsync(v => v.ArtifactHash == stored.Hash, ct);
        if (!referenced)
        {
            artifacts.Delete(stored.Hash);
        }
    }
}
