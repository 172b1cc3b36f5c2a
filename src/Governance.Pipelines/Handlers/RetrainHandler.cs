using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Handlers;

/// <summary>
/// Retrain: snapshot -> fine-tune -> register -> evaluate -> bias -> gates -> approval. Parameter
/// "spec" (optional) is a <see cref="TrainingSpec"/> as JSON; otherwise production's spec or the default.
/// </summary>
public sealed class RetrainHandler(RetrainPipeline pipeline, IFeedbackSource feedback) : IJobHandler
{
    public JobKind Kind => JobKind.Retrain;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = context.ModelName ?? throw new ArgumentException("A retrain run needs a model name.", nameof(context));
        var spec = context.Parameters.TryGetValue("spec", out var json)
            ? TrainingSpec.FromJson(json) ?? throw new ArgumentException($"Parameter 'spec' is not a training spec: {json}", nameof(context))
            : null;
        var rows = await feedback.NewLabelledRowsAsync(model, cancellationToken);
        var result = await pipeline.RunAsync(context, rows, spec, cancellationToken);
        await context.Progress.LogAsync(result.Gates.Passed
            ? $"Version {result.Candidate.Number}: macro-F1 {result.Evaluation.MacroF1:0.####}; approval request {result.Approval?.Id} waits for {string.Join(", ", result.Approval?.RequiredRoles ?? [])}."
            : $"Version {result.Candidate.Number} rejected: {string.Join(" ", result.Gates.Results.Where(r => !r.Passed).Select(r => r.Explanation))}", cancellationToken);
    }
}
