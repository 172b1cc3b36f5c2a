using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Handlers;

/// <summary>
/// DriftCheck: production's reference data against the newest incoming data. Without a production
/// version (a new model, the demo before its first approval) the run says it waits for one.
/// </summary>
public sealed class DriftCheckHandler(DriftCheck drift, LoopStore store) : IJobHandler
{
    public const string WaitingForProduction = "waiting for a production version: a drift check compares production's training data with incoming data, and runs again once a version is promoted";

    public JobKind Kind => JobKind.DriftCheck;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var modelName = context.ModelName ?? throw new ArgumentException("A drift check needs a model.", nameof(context));
        var report = await drift.RunAsync(modelName, context.Actor, context.RunId, cancellationToken);
        string status;
        if (report is not null)
        {
            status = report.Breached ? $"drift detected (statistic {report.Statistic:0.###})" : $"no drift (statistic {report.Statistic:0.###})";
        }
        else
        {
            var model = await store.RequireModelAsync(modelName, cancellationToken);
            status = await store.ProductionAsync(model.Id, cancellationToken) is null
                ? WaitingForProduction
                : "nothing to compare: no incoming data yet";
        }
        await context.Progress.ReportAsync(1, status, cancellationToken);
    }
}
