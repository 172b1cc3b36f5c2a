using Governance.Data;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>Runs executed by a real Quartz scheduler over the persistent store, on each database.</summary>
public abstract class RunExecutionTests(DatabaseProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    private SchedulerTestHost? _host;

    private SchedulerTestHost Host => _host!;

    public async Task InitializeAsync()
    {
        _host = await SchedulerTestHost.CreateAsync(provider, postgres);
        await _host.StartAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Run_now_executes_the_handler_and_records_success_with_progress_and_logs()
    {
        var queued = await Host.StartRunAsync("succeed");
        Assert.Equal(JobRunStatus.Queued, queued.Status);

        var run = await Host.WaitForAsync(queued.Id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Succeeded, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal(1.0, run.Progress);
        Assert.Equal(Host.Options.NodeName, run.NodeName);
        Assert.Equal("alice", run.Initiator);
        Assert.NotNull(run.StartedAt);
        Assert.NotNull(run.FinishedAt);
        var logs = await Host.WithAsync(r => r.LogsAsync(run.Id));
        Assert.Equal(["loading data", "training"], logs.Select(l => l.Message));
        Assert.Equal([1, 2], logs.Select(l => l.Sequence));
        var after = await Host.WithAsync(r => r.LogsAsync(run.Id, afterSequence: 1));
        Assert.Equal("training", Assert.Single(after).Message);
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var actions = await db.AuditEvents.Where(e => e.SubjectId == run.Id.ToString()).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
        Assert.Equal([JobAuditActions.RunQueued, JobAuditActions.RunSucceeded], actions);
    }

    [Fact]
    public async Task A_transient_failure_retries_with_backoff_then_fails_with_the_attempts_recorded()
    {
        var queued = await Host.StartRunAsync("transient");

        var run = await Host.WaitForAsync(queued.Id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Failed, run.Status);
        Assert.Equal(3, run.Attempts);
        Assert.Contains("TimeoutException", run.Error, StringComparison.Ordinal);
        Assert.Contains("attempt 3", run.Error, StringComparison.Ordinal);
        Assert.Equal([1, 2, 3], Host.Probe.Executions.Where(e => e.RunId == run.Id).Select(e => e.Attempt).Order());
        var logs = await Host.WithAsync(r => r.LogsAsync(run.Id));
        Assert.Equal([1, 2, 3], logs.Select(l => l.Attempt));
    }

    [Fact]
    public async Task A_non_transient_failure_fails_at_once()
    {
        var queued = await Host.StartRunAsync("fatal");

        var run = await Host.WaitForAsync(queued.Id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.Equal("InvalidOperationException: the training config is invalid", run.Error);
    }

    [Fact]
    public async Task Cancellation_stops_a_running_handler_at_its_next_check()
    {
        var queued = await Host.StartRunAsync("loop");
        await Host.Probe.Started(queued.Id, 1).Task.WaitAsync(TimeSpan.FromSeconds(30));

        var requested = await Host.WithAsync(r => r.CancelAsync(queued.Id, Actor.User("bob")));
        Assert.Equal(JobRunStatus.Running, requested.Status);
        var run = await Host.WaitForAsync(queued.Id, r => r.IsFinal);

        Assert.Equal(JobRunStatus.Cancelled, run.Status);
        Assert.Equal("user:bob", run.CancelRequestedBy);
        Assert.True(run.Progress > 0);
    }

    [Fact]
    public async Task A_second_retrain_of_the_same_model_is_refused_while_one_is_active()
    {
        var first = await Host.StartRunAsync("loop");

        var refused = await Assert.ThrowsAsync<DomainException>(() => Host.StartRunAsync("succeed"));
        Assert.Equal(DomainErrorKind.Conflict, refused.Kind);
        Assert.Contains(first.Id.ToString(), refused.Message, StringComparison.Ordinal);
        // Another kind for the same model is fine.
        var drift = await Host.StartRunAsync("succeed", kind: JobKind.DriftCheck);
        Assert.Equal(JobRunStatus.Succeeded, (await Host.WaitForAsync(drift.Id, r => r.IsFinal)).Status);

        await Host.WithAsync(r => r.CancelAsync(first.Id, Actor.User("alice")));
        Assert.Equal(JobRunStatus.Cancelled, (await Host.WaitForAsync(first.Id, r => r.IsFinal)).Status);
        var retry = await Host.WithAsync(r => r.RetryAsync(first.Id, Actor.User("carol")));
        Assert.Equal(JobRunTrigger.Retry, retry.Trigger);
        Assert.Equal(first.Id, retry.RetryOfRunId);
        await Host.WithAsync(r => r.CancelAsync(retry.Id, Actor.User("carol")));
    }

    [Fact]
    public async Task The_database_refuses_a_second_active_run_even_when_the_service_check_is_bypassed()
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var now = DateTimeOffset.UtcNow;
        db.JobRuns.Add(JobRun.Queue("Retrain", SchedulerTestHost.Model, JobRunTrigger.Manual, "alice", "{}", false, 3, now));
        await db.SaveChangesAsync();
        db.JobRuns.Add(JobRun.Queue("Retrain", SchedulerTestHost.Model, JobRunTrigger.Manual, "bob", "{}", false, 3, now));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Listing_pages_newest_first_and_filters_by_status()
    {
        var a = await Host.StartRunAsync("succeed", kind: JobKind.Evaluate);
        await Host.WaitForAsync(a.Id, r => r.IsFinal);
        var b = await Host.StartRunAsync("fatal", kind: JobKind.Evaluate);
        await Host.WaitForAsync(b.Id, r => r.IsFinal);

        var page = await Host.WithAsync(r => r.ListAsync(new Governance.Pipelines.Scheduling.JobRunQuery(Kind: "Evaluate", PageSize: 1)));
        Assert.Equal(b.Id, Assert.Single(page.Runs).Id);
        var next = await Host.WithAsync(r => r.ListAsync(new Governance.Pipelines.Scheduling.JobRunQuery(Kind: "Evaluate", PageSize: 1, CreatedBefore: page.NextCreatedBefore)));
        Assert.Equal(a.Id, Assert.Single(next.Runs).Id);
        var failed = await Host.WithAsync(r => r.ListAsync(new Governance.Pipelines.Scheduling.JobRunQuery(Status: JobRunStatus.Failed)));
        Assert.Equal(b.Id, Assert.Single(failed.Runs).Id);
    }
}

public sealed class SqliteRunExecutionTests() : RunExecutionTests(DatabaseProvider.Sqlite, null);

[Collection(PostgresCollection.Name)]
public sealed class PostgresRunExecutionTests(PostgresFixture fixture) : RunExecutionTests(DatabaseProvider.Postgres, fixture.Server);
