using System.Data.Common;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Jobs;
using Governance.Domain.Registry;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.Tests.Loop;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Reliability;

/// <summary>
/// The database goes away in the middle of a scheduled retrain (PostgreSQL, real handlers, the node's
/// Quartz on the same database): the run fails into retry with backoff, nothing is half-written, and
/// once the database is back the run completes with exactly one version, one training record, one
/// approval request, each with its audit event, and an intact audit chain.
/// </summary>
[Collection(LoopPostgresCollection.Name)]
public sealed class DatabaseOutageTests(PostgresFixture fixture)
{
    public static TheoryData<string> Moments => new()
    {
        "training",          // a progress write during training: the trainer stops; the retry resumes from the checkpoint
        "after-registration", // between the registry's transaction (version + artifact) and the training record's
        "approval",          // the approval request's transaction
    };

    [Theory]
    [MemberData(nameof(Moments))]
    public async Task A_retrain_caught_by_a_database_outage_retries_and_completes_without_half_written_rows(string moment)
    {
        OutageAtCommand? trigger = null;
        await using var host = await ReliabilityHost.CreateAsync(fixture.Server, cs =>
        {
            trigger = new OutageAtCommand(new DatabaseOutage(fixture.Server.AdminConnectionString, cs), At(moment), TimeSpan.FromSeconds(4));
            return [trigger];
        });
        await host.StartAsync();

        var queued = await host.StartRetrainAsync("alice");
        var run = await host.WaitForFinalAsync(queued.Id, seconds: 240);

        Assert.NotNull(trigger!.Ended);
        await trigger.Ended;
        Assert.True(run.Status == JobRunStatus.Succeeded, $"{run.Status}: {run.Error}");
        Assert.True(run.Attempts >= 2, $"the outage should have failed attempt 1 (attempts {run.Attempts})");
        await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GovernanceDbContext>();
            var logs = await db.JobRunLogs.AsNoTracking().Where(l => l.RunId == run.Id).Select(l => l.Message).ToListAsync();
            Assert.Contains(logs, l => l.StartsWith("attempt 1 failed", StringComparison.Ordinal));

            var version = await db.ModelVersions.AsNoTracking().SingleAsync();
            Assert.Equal(ModelStage.Staging, version.Stage);
            Assert.True(sp.GetRequiredService<Data.Artifacts.ArtifactStore>().Exists(version.ArtifactHash!), "the version's artifact is in the store");
            Assert.NotNull(version.DatasetVersionId);
            var subject = $"{ReliabilityHost.Model}/{version.Number}";
            Assert.Equal(1, await Count(db, AuditActions.VersionRegistered, subject));

            var training = await db.TrainingRuns.AsNoTracking().SingleAsync();
            Assert.Equal(TrainingStatus.Succeeded, training.Status);
            Assert.Equal(version.Id, training.ModelVersionId);
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == LoopAudit.TrainingStarted));
            Assert.Equal(1, await Count(db, LoopAudit.TrainingSucceeded, subject));

            // Records written again by the retry are fine; each one has its audit event.
            Assert.Equal(await db.EvaluationRecords.CountAsync(), await Count(db, LoopAudit.EvaluationRecorded, subject));
            Assert.Equal(await db.BiasReports.CountAsync(), await Count(db, LoopAudit.BiasReportRecorded, subject));
            var request = await db.ApprovalRequests.AsNoTracking().SingleAsync();
            Assert.Equal(version.Id, request.ModelVersionId);
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == LoopAudit.ApprovalRequested && e.SubjectId == request.Id.ToString()));

            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == JobAuditActions.RunSucceeded && e.SubjectId == run.Id.ToString()));
            Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Action == JobAuditActions.RunFailed));
            var chain = await sp.GetRequiredService<AuditTrail>().VerifyAsync();
            Assert.True(chain.IsIntact, chain.Problem);
            return 0;
        });
    }

    [Fact]
    public async Task A_retrain_on_its_last_attempt_fails_cleanly_once_the_database_is_back()
    {
        OutageAtCommand? trigger = null;
        await using var host = await ReliabilityHost.CreateAsync(fixture.Server, cs =>
        {
            trigger = new OutageAtCommand(new DatabaseOutage(fixture.Server.AdminConnectionString, cs), At("approval"), TimeSpan.FromSeconds(4));
            return [trigger];
        }, maxAttempts: 1);
        await host.StartAsync();

        var queued = await host.StartRetrainAsync("alice");
        var run = await host.WaitForFinalAsync(queued.Id, seconds: 240);

        Assert.Equal(JobRunStatus.Failed, run.Status);
        Assert.Equal(1, run.Attempts);
        Assert.False(string.IsNullOrEmpty(run.Error));
        await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GovernanceDbContext>();
            // Everything before the outage is whole; the approval request and its staging never happened.
            var version = await db.ModelVersions.AsNoTracking().SingleAsync();
            Assert.Equal(ModelStage.Candidate, version.Stage);
            Assert.Equal(TrainingStatus.Succeeded, (await db.TrainingRuns.AsNoTracking().SingleAsync()).Status);
            Assert.Equal(0, await db.ApprovalRequests.CountAsync());
            Assert.Equal(0, await db.AuditEvents.CountAsync(e => e.Action == LoopAudit.ApprovalRequested));
            Assert.Equal(await db.EvaluationRecords.CountAsync(), await db.AuditEvents.CountAsync(e => e.Action == LoopAudit.EvaluationRecorded));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == JobAuditActions.RunFailed && e.SubjectId == run.Id.ToString()));
            var chain = await sp.GetRequiredService<AuditTrail>().VerifyAsync();
            Assert.True(chain.IsIntact, chain.Problem);
            return 0;
        });
    }

    private static Func<DbCommand, bool> At(string moment) => moment switch
    {
        "training" => c => c.CommandText.Contains("UPDATE job_runs", StringComparison.Ordinal)
            && c.Parameters.Cast<DbParameter>().Any(p => p.Value is string s && s.StartsWith("epoch 1/", StringComparison.Ordinal)),
        "after-registration" => c => c.CommandText.Contains("UPDATE training_runs", StringComparison.Ordinal),
        "approval" => c => c.CommandText.Contains("INSERT INTO approval_requests", StringComparison.Ordinal),
        _ => throw new ArgumentException($"Unknown moment '{moment}'.", nameof(moment)),
    };

    private static Task<int> Count(GovernanceDbContext db, string action, string subject) =>
        db.AuditEvents.CountAsync(e => e.Action == action && e.SubjectId == subject);
}
