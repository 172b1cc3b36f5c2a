using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Jobs;

namespace Governance.Pipelines.UseCases;

/// <summary>What one retrain produced.</summary>
public sealed record RetrainResult(ModelVersion Candidate, DatasetVersion Dataset, EvaluationRecord Evaluation, BiasReportRecord Bias, GateOutcome Gates, ApprovalRequest? Approval);

/// <summary>The loop for one model: snapshot -> fine-tune -> register -> evaluate -> bias -> gates -> approval.</summary>
public sealed class RetrainPipeline(
    SnapshotTrainingData snapshot, FineTune fineTune, EvaluateCandidate evaluate, BiasReport bias, ApplyGates gates, OpenApproval approval,
    LoopStore store, LoopOptions options)
{
    public async Task<RetrainResult> RunAsync(JobContext context, IReadOnlyList<LabelledRow> newRows, TrainingSpec? spec, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var modelName = context.ModelName ?? throw new ArgumentException("A retrain needs a model.", nameof(context));
        var model = await store.RequireModelAsync(modelName, ct);
        await context.Progress.ReportAsync(0, "snapshotting training data", ct);
        var dataset = await snapshot.RunAsync(modelName, newRows, context.Actor, null, ct);
        if (spec is null)
        {
            var production = await store.ProductionAsync(model.Id, ct);
            spec = (production is null ? null : TrainingSpec.FromJson(production.TrainingConfig)) ?? options.DefaultTraining;
            spec = spec with { JobRunId = null };
        }
        await context.Progress.LogAsync($"Training on {dataset.Name} v{dataset.Version} ({dataset.RowCount} rows, {dataset.ContentHash[..12]}).", ct);
        var candidate = await fineTune.RunAsync(context, dataset, spec, ct);
        await context.Progress.ReportAsync(0.9, $"evaluating version {candidate.Number}", ct);
        var evaluation = await evaluate.RunAsync(candidate, dataset, context.Actor, context.RunId, ct);
        await context.Progress.ReportAsync(0.95, "bias report", ct);
        var biasReport = await bias.RunAsync(candidate, dataset, context.Actor, context.RunId, ct);
        var outcome = await gates.RunAsync(candidate, context.Actor, ct);
        ApprovalRequest? request = null;
        if (outcome.Passed)
        {
            request = await approval.RunAsync(outcome, context, ct);
            await context.Progress.ReportAsync(1, $"version {candidate.Number} passed its gates; approval pending", ct);
        }
        else
        {
            await context.Progress.ReportAsync(1, $"version {candidate.Number} rejected by its gates", ct);
        }
        return new RetrainResult(outcome.Candidate, dataset, evaluation, biasReport, outcome, request);
    }
}
