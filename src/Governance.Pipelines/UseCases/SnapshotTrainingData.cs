using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Registry;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// Snapshots a model's training data: the previous version of its training dataset plus newly
/// labelled rows (rows with an id already present are replaced) into a new hashed DatasetVersion.
/// With no new rows it returns the previous version unchanged.
/// </summary>
public sealed class SnapshotTrainingData(ModelRegistry registry, LoopStore store, LoopOptions options)
{
    public async Task<DatasetVersion> RunAsync(string modelName, IReadOnlyList<LabelledRow> newRows, Actor actor, string? source, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(newRows);
        var name = LoopStore.TrainingDataset(modelName);
        var previous = await store.LatestDatasetAsync(name, ct);
        if (newRows.Count == 0 && previous is not null)
        {
            return previous;
        }
        var rows = previous is null ? [] : await store.RowsAsync(previous, ct);
        var fresh = newRows.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        rows = [.. rows.Where(r => !fresh.Contains(r.Id)), .. newRows];
        if (rows.Count == 0)
        {
            throw new ArgumentException($"Model '{modelName}' has no training data yet and no new rows were given.", nameof(newRows));
        }
        using var content = new MemoryStream(LabelledRow.ToJsonl(rows));
        var description = previous is null
            ? $"{rows.Count} labelled rows."
            : $"Version {previous.Version} ({previous.ContentHash[..12]}) plus {newRows.Count} newly labelled rows.";
        return await registry.RegisterDatasetVersionAsync(new DatasetDraft(name, source ?? "governance loop", description),
            DatasetFormat.Jsonl, content, options.MaxDatasetBytes, actor, ct);
    }

    /// <summary>Registers rows as the next version of a named dataset as they are (used for newly arrived data).</summary>
    public async Task<DatasetVersion> RegisterAsync(string datasetName, IReadOnlyList<LabelledRow> rows, Actor actor, string source, string description, CancellationToken ct)
    {
        using var content = new MemoryStream(LabelledRow.ToJsonl(rows));
        return await registry.RegisterDatasetVersionAsync(new DatasetDraft(datasetName, source, description),
            DatasetFormat.Jsonl, content, options.MaxDatasetBytes, actor, ct);
    }
}
