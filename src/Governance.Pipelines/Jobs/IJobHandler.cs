namespace Governance.Pipelines.Jobs;

/// <summary>
/// The work behind one <see cref="JobKind"/>. The scheduler owns the JobRun record (status, attempts,
/// node, retries, cancellation); a handler only does the work, reports progress and logs through the
/// context, and throws on failure. A handler must be idempotent: a retried or recovered run must not
/// register a second version or open a second approval request (use <see cref="JobContext.RunId"/>).
/// </summary>
public interface IJobHandler
{
    JobKind Kind { get; }

    Task RunAsync(JobContext context, CancellationToken cancellationToken);
}
