using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Handlers;

/// <summary>
/// ExpireApprovals, the periodic approval housekeeping: closes pending requests whose time is up, then
/// completes approval steps a failure cut in two (<see cref="ReconcileApprovals"/>).
/// </summary>
public sealed class ExpireApprovalsHandler(ExpireApprovals expire, ReconcileApprovals reconcile) : IJobHandler
{
    public JobKind Kind => JobKind.ExpireApprovals;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = await expire.RunAsync(context.Actor, cancellationToken);
        var completed = await reconcile.RunAsync(context.Actor, cancellationToken);
        await context.Progress.ReportAsync(1, $"{completed} interrupted approval step(s) completed; {n} approval request(s) expired", cancellationToken);
    }
}
