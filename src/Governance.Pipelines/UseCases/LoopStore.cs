using Governance.Data;
using Governance.Data.Artifacts;
using Governance.Domain;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.UseCases;

/// <summary>Reads the use cases share: models, versions, policies, dataset rows and model packages.</summary>
public sealed class LoopStore(GovernanceDbContext db, ArtifactStore artifacts, LoopOptions options)
{
    public async Task<Model> RequireModelAsync(string name, CancellationToken ct) =>
        await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct)
            ?? throw DomainException.NotFound($"Model '{name}' does not exist.");

    public async Task<ModelVersion?> ProductionAsync(Guid modelId, CancellationToken ct) =>
        await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == modelId && v.Stage == ModelStage.Production, ct);

    public async Task<ModelVersion> RequireVersionAsync(Guid id, CancellationToken ct) =>
        await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, ct)
            ?? throw DomainException.NotFound($"Model version {id} does not exist.");

    /// <summary>The model's newest release policy, or the default when none was set.</summary>
    public async Task<ReleasePolicy> PolicyAsync(Guid modelId, CancellationToken ct)
    {
        var row = await db.ReleasePolicies.AsNoTracking().Where(p => p.ModelId == modelId)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        return row?.ToPolicy() ?? ReleasePolicy.Default;
    }

    public async Task<List<LabelledRow>> RowsAsync(DatasetVersion dataset, CancellationToken ct)
    {
        await using var stream = artifacts.OpenRead(dataset.ContentHash);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, ct);
        copy.Position = 0;
        return LabelledRow.ReadJsonl(copy);
    }

    public async Task<DatasetVersion> RequireDatasetAsync(Guid id, CancellationToken ct) =>
        await db.DatasetVersions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct)
            ?? throw DomainException.NotFound($"Dataset version {id} does not exist.");

    public async Task<DatasetVersion?> LatestDatasetAsync(string name, CancellationToken ct) =>
        await db.DatasetVersions.AsNoTracking().Where(d => d.Name == name).OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);

    public ModelPackage LoadPackage(ModelVersion version)
    {
        if (version.ArtifactHash is null)
        {
            throw DomainException.Invalid($"Version {version.Number} has no artifact to load.");
        }
        Directory.CreateDirectory(options.WorkDirectory);
        using var stream = artifacts.OpenRead(version.ArtifactHash);
        return ModelPackage.FromZip(stream, options.WorkDirectory);
    }

    /// <summary>Dataset names the loop uses for a model: training data and newly arrived data.</summary>
    public static string TrainingDataset(string model) => $"{model}-training";

    public static string IncomingDataset(string model) => $"{model}-incoming";
}
