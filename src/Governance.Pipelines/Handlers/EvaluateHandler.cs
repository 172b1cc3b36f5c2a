using Governance.Data;
using Governance.Domain.Registry;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.Handlers;

/// <summary>
/// Evaluate: re-evaluates the model's open candidates (Candidate or Staging) on a dataset version
/// (parameter "datasetVersionId", else the newest training snapshot), with a fresh bias report.
/// </summary>
public sealed class EvaluateHandler(GovernanceDbContext db, LoopStore store, EvaluateCandidate evaluate, BiasReport bias) : IJobHandler
{
    public JobKind Kind => JobKind.Evaluate;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = await store.RequireModelAsync(context.ModelName ?? throw new ArgumentException("An evaluate run needs a model.", nameof(context)), cancellationToken);
        var dataset = context.Parameters.TryGetValue("datasetVersionId", out var id) && Guid.TryParse(id, out var datasetId)
            ? await store.RequireDatasetAsync(datasetId, cancellationToken)
            : await store.LatestDatasetAsync(LoopStore.TrainingDataset(model.Name), cancellationToken)
              ?? throw new InvalidOperationException($"Model '{model.Name}' has no training dataset to evaluate on.");
        var open = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelId == model.Id && (v.Stage == ModelStage.Candidate || v.Stage == ModelStage.Staging))
            .OrderBy(v => v.Number).ToListAsync(cancellationToken);
        for (var i = 0; i < open.Count; i++)
        {
            await context.Progress.ReportAsync((double)i / open.Count, $"evaluating version {open[i].Number}", cancellationToken);
            var record = await evaluate.RunAsync(open[i], dataset, context.Actor, context.RunId, cancellationToken);
            await bias.RunAsync(open[i], dataset, context.Actor, context.RunId, cancellationToken);
            await context.Progress.LogAsync($"Version {open[i].Number}: macro-F1 {record.MacroF1:0.####} [{record.MacroF1Lower:0.####}, {record.MacroF1Upper:0.####}].", cancellationToken);
        }
        await context.Progress.ReportAsync(1, $"{open.Count} version(s) evaluated", cancellationToken);
    }
}
