namespace Governance.Domain.Jobs;

/// <summary>
/// The allowed status changes of a run. Running -> Running is a recovery (another node took over a
/// run whose node died); Running -> Queued is a retry after a transient failure or a node shutdown.
/// </summary>
public static class JobRunTransitions
{
    public static bool IsFinal(JobRunStatus status) =>
        status is JobRunStatus.Succeeded or JobRunStatus.Failed or JobRunStatus.Cancelled;

    public static bool IsAllowed(JobRunStatus from, JobRunStatus to) => (from, to) switch
    {
        (JobRunStatus.Queued, JobRunStatus.Running or JobRunStatus.Cancelled or JobRunStatus.Failed) => true,
        (JobRunStatus.Running, JobRunStatus.Running or JobRunStatus.Queued or JobRunStatus.Succeeded
            or JobRunStatus.Failed or JobRunStatus.Cancelled) => true,
        _ => false,
    };

    /// <summary>Throws a conflict naming both states when the change is not allowed.</summary>
    public static void Require(Guid runId, JobRunStatus from, JobRunStatus to)
    {
        if (!IsAllowed(from, to))
        {
            throw DomainException.Conflict($"Run {runId} is {from} and cannot become {to}.");
        }
    }
}
