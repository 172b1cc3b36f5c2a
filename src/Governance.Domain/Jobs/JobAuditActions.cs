namespace Governance.Domain.Jobs;

/// <summary>Audit actions and the subject type of job runs and schedules.</summary>
public static class JobAuditActions
{
    public const string RunSubject = "job-run";
    public const string ScheduleSubject = "model-schedule";

    public const string RunQueued = "job.queued";
    public const string RunCancelRequested = "job.cancel-requested";
    public const string RunCancelled = "job.cancelled";
    public const string RunSucceeded = "job.succeeded";
    public const string RunFailed = "job.failed";
    public const string RunRetried = "job.retried";
    public const string ScheduleSet = "schedule.set";
}
