using Governance.Data.Artifacts;
using Governance.Data.Audit;
using Governance.Data.Datasets;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Registry;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data.Registry;

/// <summary>
/// The registry's use cases: models, their versions and stages, dataset versions. Every change runs
/// in one write transaction together with its audit event, so both happen or neither does.
/// </summary>
public sealed partial class ModelRegistry(
    GovernanceDbContext db,
    AuditTrail audit,
    ArtifactStore artifacts,
    DatasetFileParser parser,
    TimeProvider time)
{
    public const string ModelSubject = "model";
    public const string VersionSubject = "model-version";
    public const string DatasetSubject = "dataset-version";

    public Task<Model> RegisterModelAsync(ModelDraft draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteScope.RunAsync(db, $"A model named '{draft.Name}' already exists.", async () =>
        {
            var model = Model.Register(draft, actor.ToString(), time.GetUtcNow());
            if (await db.Models.AnyAsync(m => m.Name == model.Name, ct))
            {
                throw DomainException.Conflict($"A model named '{model.Name}' already exists.");
            }
            db.Models.Add(model);
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.ModelRegistered, ModelSubject, model.Name,
                AuditPayload.Of(new { after = AuditPayload.Snapshot(model) })), ct);
            return model;
        }, ct);
    }

    public Task<Model> UpdateModelAsync(ModelDraft draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteScope.RunAsync(db, $"Model '{draft.Name}' was changed concurrently.", async () =>
        {
            var model = await RequireModelAsync(draft.Name, ct);
            var before = AuditPayload.Snapshot(model);
            model.Update(draft);
            var after = AuditPayload.Snapshot(model);
            if (AuditPayload.Of(before) == AuditPayload.Of(after))
            {
                return model; // nothing changed, nothing to record
            }
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.ModelUpdated, ModelSubject, model.Name,
                AuditPayload.Of(new { before, after })), ct);
            return model;
        }, ct);
    }

    public async Task<Model?> GetModelAsync(string name, CancellationToken ct = default) =>
        await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct);

    /// <summary>Models by name, optionally those whose name, task or domain contains <paramref name="search"/>.</summary>
    public async Task<IReadOnlyList<ModelSummary>> ListModelsAsync(string? search = null, CancellationToken ct = default)
    {
        var models = db.Models.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var s = search.Trim();
            models = models.Where(m => m.Name.Contains(s) || m.Task.Contains(s) || m.Domain.Contains(s));
        }
        var rows = await models.OrderBy(m => m.Name)
            .Select(m => new
            {
                Model = m,
                Count = db.ModelVersions.Count(v => v.ModelId == m.Id),
                Production = db.ModelVersions.Where(v => v.ModelId == m.Id && v.Stage == ModelStage.Production)
                    .Select(v => (int?)v.Number).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => new ModelSummary(r.Model, r.Count, r.Production)).ToList();
    }

    /// <summary>
    /// Registers a new Candidate version. The parent must be a version of the same model, the
    /// dataset version must exist, and an artifact hash must name a file already in the store.
    /// </summary>
    public Task<ModelVersion> RegisterVersionAsync(string modelName, VersionDraft draft, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        return WriteScope.RunAsync(db, $"A version of model '{modelName}' was registered concurrently; try again.", async () =>
        {
            var model = await RequireModelAsync(modelName, ct);
            if (draft.ParentVersionId is { } parentId
                && !await db.ModelVersions.AnyAsync(v => v.Id == parentId && v.ModelId == model.Id, ct))
            {
                throw await db.ModelVersions.AnyAsync(v => v.Id == parentId, ct)
                    ? DomainException.Invalid($"Parent version {parentId} belongs to another model, not '{modelName}'.")
                    : DomainException.NotFound($"Parent version {parentId} does not exist.");
            }
            if (draft.DatasetVersionId is { } datasetId && !await db.DatasetVersions.AnyAsync(d => d.Id == datasetId, ct))
            {
                throw DomainException.NotFound($"Dataset version {datasetId} does not exist.");
            }
            if (draft.ArtifactHash is { } hash && ContentHash.IsValid(hash) && !artifacts.Exists(hash))
            {
                throw DomainException.NotFound($"Artifact {hash} is not in the artifact store; upload it first.");
            }
            var version = ModelVersion.Register(model, draft, actor.ToString(), time.GetUtcNow());
            db.ModelVersions.Add(version);
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.VersionRegistered, VersionSubject, $"{model.Name}/{version.Number}",
                AuditPayload.Of(new { after = AuditPayload.Snapshot(version, model.Name) })), ct);
            return version;
        }, ct);
    }

    /// <summary>The model's versions, newest first. Throws NotFound for an unknown model.</summary>
    public async Task<IReadOnlyList<ModelVersion>> ListVersionsAsync(string modelName, CancellationToken ct = default)
    {
        var model = await RequireModelAsync(modelName, ct, tracked: false);
        return await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id)
            .OrderByDescending(v => v.Number).ToListAsync(ct);
    }

    /// <summary>One version, or null if the model has no such version. Throws NotFound for an unknown model.</summary>
    public async Task<ModelVersion?> GetVersionAsync(string modelName, int number, CancellationToken ct = default)
    {
        var model = await RequireModelAsync(modelName, ct, tracked: false);
        return await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Number == number, ct);
    }

    /// <summary>
    /// Moves a version to another stage. Promoting to Production archives the model's current
    /// production version in the same transaction (each move gets its own audit event).
    /// </summary>
    public Task<ModelVersion> ChangeStageAsync(string modelName, int number, ModelStage target, string reason, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return WriteScope.RunAsync(db, $"Version {number} of '{modelName}' was changed concurrently; try again.", async () =>
        {
            var why = Names.RequireText(reason, "Reason", 2000);
            var model = await RequireModelAsync(modelName, ct);
            var version = await db.ModelVersions.FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Number == number, ct)
                ?? throw DomainException.NotFound($"Model '{modelName}' has no version {number}.");
            var now = time.GetUtcNow();
            var from = version.Stage;
            version.MoveTo(target, now);
            if (target == ModelStage.Production)
            {
                var current = await db.ModelVersions
                    .Where(v => v.ModelId == model.Id && v.Stage == ModelStage.Production && v.Id != version.Id)
                    .ToListAsync(ct);
                foreach (var old in current)
                {
                    old.MoveTo(ModelStage.Archived, now);
                    await audit.AppendAsync(new AuditEntry(actor, AuditActions.VersionStageChanged, VersionSubject, $"{model.Name}/{old.Number}",
                        AuditPayload.Of(new { model = model.Name, version = old.Number, from = ModelStage.Production, to = ModelStage.Archived, reason = $"Replaced by version {number}: {why}" })), ct);
                }
            }
            await audit.AppendAsync(new AuditEntry(actor, AuditActions.VersionStageChanged, VersionSubject, $"{model.Name}/{number}",
                AuditPayload.Of(new { model = model.Name, version = number, from, to = target, reason = why })), ct);
            return version;
        }, ct);
    }

    private async Task<Model> RequireModelAsync(string name, CancellationToken ct, bool tracked = true)
    {
        var models = tracked ? db.Models : db.Models.AsNoTracking();
        return await models.FirstOrDefaultAsync(m => m.Name == name, ct)
            ?? throw DomainException.NotFound($"Model '{name}' does not exist.");
    }
}
