using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Handlers;

/// <summary>DriftCheck: production's reference data against the newest incoming data.</summary>
public sealed class DriftCheckHandler(DriftCheck drift) : IJobHandler
{
    public JobKind Kind => JobKind.DriftCheck;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var report = await drift.RunAsync(context.ModelName ?? throw new ArgumentException("A drift check needs a model.", nameof(context)),
            context.Actor, context.RunId, cancellationToken);
        await context.Progress.ReportAsync(1, report is null ? "nothing to compare (no production version or no incoming data)"
            : report.Breached ? $"drift detected (statistic {report.Statistic:0.###})" : $"no drift (statistic {report.Statistic:0.###})", cancellationToken);
    }
}
