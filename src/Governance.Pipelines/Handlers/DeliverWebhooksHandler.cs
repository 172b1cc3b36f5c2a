using Governance.Pipelines.Jobs;
using Governance.Pipelines.Webhooks;

namespace Governance.Pipelines.Handlers;

/// <summary>DeliverWebhooks: sends due webhook calls (failures wait for their backoff).</summary>
public sealed class DeliverWebhooksHandler(WebhookDispatcher dispatcher) : IJobHandler
{
    public JobKind Kind => JobKind.DeliverWebhooks;

    public async Task RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var n = await dispatcher.DeliverDueAsync(cancellationToken);
        await context.Progress.ReportAsync(1, $"{n} webhook call(s) delivered", cancellationToken);
    }
}
