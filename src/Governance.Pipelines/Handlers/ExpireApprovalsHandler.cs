using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Handlers;

/// <summary>ExpireApprovals: closes pending requests whose time is up.</summary>
public sealed class ExpireApprovalsHandler(ExpireApprovals expire) : IJobHandler
{
    public JobKind Kind => JobKind.ExpireApprovals;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = await expire.RunAsync(context.Actor, cancellationToken);
        await context.Progress.ReportAsync(1, $"{n} approval request(s) expired", cancellationToken);
    }
}
