using Governance.Domain;
using Governance.Domain.Jobs;

namespace Governance.Pipelines.Tests.Scheduling;

public class JobRunLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 3, 0, 0, TimeSpan.Zero);

    private static JobRun NewRun(bool gpu = false) => JobRun.Queue("Retrain", "spam-triage", JobRunTrigger.Schedule, "scheduler", "{}", gpu, 3, Now);

    [Fact]
    public void A_final_run_cannot_start_again_or_be_cancelled()
    {
        var run = NewRun();
        run.Start("node-a", Now);
        run.Succeed(Now);

        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => run.Start("node-b", Now)).Kind);
        Assert.Contains("already Succeeded", Assert.Throws<DomainException>(() => run.RequestCancel("user:bob", Now)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancelling_a_queued_run_ends_it_and_a_running_one_only_asks()
    {
        var queued = NewRun();
        queued.RequestCancel("user:bob", Now);
        Assert.Equal(JobRunStatus.Cancelled, queued.Status);
        Assert.Equal("cancelled by user:bob", queued.StatusLine);

        var running = NewRun();
        running.Start("node-a", Now);
        running.RequestCancel("user:bob", Now);
        Assert.Equal(JobRunStatus.Running, running.Status);
        Assert.Equal(Now, running.CancelRequestedAt);
    }

    [Fact]
    public void A_recovery_or_retry_counts_another_attempt()
    {
        var run = NewRun();
        run.Start("node-a", Now);
        run.ScheduleRetry("TimeoutException: slow", Now.AddSeconds(30), Now);
        Assert.Equal(JobRunStatus.Queued, run.Status);
        Assert.Equal(Now.AddSeconds(30), run.NextRetryAt);
        run.Start("node-b", Now);
        run.Start("node-c", Now); // recovered after node-b died
        Assert.Equal(3, run.Attempts);
        Assert.Equal("running on node-c (attempt 3)", run.StatusLine);
        Assert.Null(run.NextRetryAt);
    }

    [Fact]
    public void Only_a_queued_gpu_run_can_fall_back_to_the_cpu()
    {
        Assert.Equal(DomainErrorKind.Conflict, Assert.Throws<DomainException>(() => NewRun(gpu: false).FallBackToCpu("x", Now)).Kind);
        var run = NewRun(gpu: true);
        run.FallBackToCpu("no GPU worker", Now);
        Assert.False(run.RequiresGpu);
    }

    [Theory]
    [InlineData("", 3)]
    [InlineData("Retrain", 0)]
    public void Bad_runs_are_refused(string kind, int maxAttempts) =>
        Assert.Equal(DomainErrorKind.Invalid, Assert.Throws<DomainException>(() =>
            JobRun.Queue(kind, "m", JobRunTrigger.Manual, "alice", "{}", false, maxAttempts, Now)).Kind);
}
