using Governance.Data;
using Governance.Data.Audit;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Loop;

public abstract class LoopScenarioTests(DatabaseProvider provider, PostgresServer? postgres) : LoopTestBase(provider, postgres)
{
    private static readonly string[] Engineer = [Roles.MLEngineer];
    private static readonly string[] Compliance = [Roles.ComplianceOfficer];

    [Fact]
    public async Task Whole_loop_trains_gates_and_waits_for_two_people_then_promotes_and_rolls_back()
    {
        await SeedAsync();
        var runId = Guid.NewGuid();
        await RetrainAsync("alice", runId);

        var v1 = Assert.Single(await VersionsAsync());
        Assert.True(v1.Stage == ModelStage.Staging, await GatesAsync());
        Assert.Contains(runId.ToString(), v1.TrainingConfig, StringComparison.Ordinal);
        Assert.NotNull(v1.DatasetVersionId);
        Assert.True(ContentHash.IsValid(v1.ArtifactHash!));
        Assert.False(string.IsNullOrEmpty(v1.CodeVersion));
        var request = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());
        Assert.Equal(ApprovalStatus.Pending, request.Status);
        Assert.Equal("alice", request.Initiator);
        Assert.Equal(EvidenceHash.Of(request.Evidence), request.EvidenceHash);
        var evaluation = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().EvaluationRecords.AsNoTracking().SingleAsync());
        Assert.True(evaluation.MacroF1 >= 0.9, $"macro-F1 {evaluation.MacroF1}");
        Assert.True(evaluation.MacroF1Lower <= evaluation.MacroF1 && evaluation.MacroF1 <= evaluation.MacroF1Upper);
        Assert.Contains(evaluation.Id.ToString(), request.Evidence, StringComparison.Ordinal);
        Assert.Contains(evaluation.ResultHash, request.Evidence, StringComparison.Ordinal);

        // Idempotent: the same run again registers nothing new and opens no second request.
        await RetrainAsync("alice", runId);
        Assert.Single(await VersionsAsync());
        Assert.Equal(1, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.CountAsync()));
        Assert.Equal(1, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().TrainingRuns.CountAsync()));

        // Four eyes, through the use case.
        var initiator = await Refused(request.Id, "alice", [Roles.MLEngineer, Roles.ComplianceOfficer]);
        Assert.Contains("started the run", initiator.Message, StringComparison.Ordinal);
        var wrongRole = await Refused(request.Id, "victor", [Roles.Viewer]);
        Assert.Contains("needs one of the roles", wrongRole.Message, StringComparison.Ordinal);
        await DecideAsync(request.Id, "bob", [Roles.MLEngineer, Roles.ComplianceOfficer], ApprovalVerdict.Approve);
        var twice = await Refused(request.Id, "bob", [Roles.MLEngineer, Roles.ComplianceOfficer]);
        Assert.Contains("already decided", twice.Message, StringComparison.Ordinal);
        Assert.Equal(ModelStage.Staging, (await VersionsAsync())[0].Stage);
        var approved = await DecideAsync(request.Id, "carol", Compliance, ApprovalVerdict.Approve);
        Assert.Equal(ApprovalStatus.Approved, approved.Status);
        Assert.Equal(ModelStage.Production, (await VersionsAsync())[0].Stage);

        // A second retrain (LoRA, from production) is compared with production; promoting it archives v1.
        await RetrainAsync("scheduler", spec: SyntheticMail.TinySpec with { Method = TrainingMethod.Lora, FromProduction = true, Epochs = 1 });
        var versions = await VersionsAsync();
        var v2 = versions[0];
        Assert.Equal(2, v2.Number);
        Assert.Equal(v1.Id, v2.ParentVersionId);
        var second = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().EvaluationRecords.AsNoTracking()
            .SingleAsync(e => e.CandidateVersionId == v2.Id));
        Assert.Equal(v1.Id, second.ProductionVersionId);
        Assert.NotNull(second.MacroF1Difference);
        Assert.Contains("\"mcnemar\":{", second.Result, StringComparison.Ordinal);
        Assert.True(v2.Stage == ModelStage.Staging, await GatesAsync());
        var r2 = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync(a => a.ModelVersionId == v2.Id));
        await DecideAsync(r2.Id, "bob", Engineer, ApprovalVerdict.Approve);
        await DecideAsync(r2.Id, "carol", Compliance, ApprovalVerdict.Approve);
        versions = await VersionsAsync();
        Assert.Equal(ModelStage.Production, versions[0].Stage);
        Assert.Equal(ModelStage.Archived, versions[1].Stage);

        // Rollback to the approved, archived v1 is an audited action; a never-approved version is refused.
        await UseAsync(sp => sp.GetRequiredService<Rollback>().RunAsync(Model, 1, "v2 misroutes invoices", Actor.User("bob"), default));
        versions = await VersionsAsync();
        Assert.Equal(ModelStage.Archived, versions[0].Stage);
        Assert.Equal(ModelStage.Production, versions[1].Stage);
        var noReason = await Assert.ThrowsAsync<DomainException>(() => UseAsync(sp => sp.GetRequiredService<Rollback>().RunAsync(Model, 2, " ", Actor.User("bob"), default)));
        Assert.Equal(DomainErrorKind.Invalid, noReason.Kind);

        // The Evaluate job re-evaluates open candidates only; none is open now.
        var evaluations = await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().EvaluationRecords.CountAsync());
        await Host.RunHandlerAsync(Jobs.JobKind.Evaluate, LoopHost.Context(Jobs.JobKind.Evaluate, Model, "scheduler"));
        Assert.Equal(evaluations, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().EvaluationRecords.CountAsync()));

        var chain = await UseAsync(sp => sp.GetRequiredService<AuditTrail>().VerifyAsync());
        Assert.True(chain.IsIntact, chain.Problem);
        var actions = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().AuditEvents.Select(e => e.Action).ToListAsync());
        foreach (var action in new[] { LoopAudit.TrainingStarted, LoopAudit.TrainingSucceeded, LoopAudit.EvaluationRecorded, LoopAudit.BiasReportRecorded,
                     LoopAudit.GatesEvaluated, LoopAudit.ApprovalRequested, LoopAudit.ApprovalDecided })
        {
            Assert.Contains(action, actions);
        }
    }

    [Fact]
    public async Task A_run_stopped_mid_training_resumes_from_its_checkpoint_and_registers_one_version()
    {
        await SeedAsync();
        var runId = Guid.NewGuid();
        var parameters = new Dictionary<string, string> { ["spec"] = SyntheticMail.TinySpec.ToJson() };
        using var stop = new CancellationTokenSource();
        var first = new RecordingProgress(stop, "step 20/");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Host.RunHandlerAsync(Jobs.JobKind.Retrain,
            LoopHost.Context(Jobs.JobKind.Retrain, Model, "alice", runId, parameters, attempt: 1, progress: first), stop.Token));
        Assert.Empty(await VersionsAsync());

        var second = new RecordingProgress();
        await Host.RunHandlerAsync(Jobs.JobKind.Retrain, LoopHost.Context(Jobs.JobKind.Retrain, Model, "alice", runId, parameters, attempt: 2, progress: second));
        Assert.Single(await VersionsAsync());
        Assert.Contains(second.Lines, l => l.StartsWith("Resuming from the checkpoint", StringComparison.Ordinal));
        Assert.DoesNotContain(second.Lines, l => l.Contains("step 10/", StringComparison.Ordinal));
        var run = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().TrainingRuns.AsNoTracking().SingleAsync());
        Assert.Equal(TrainingStatus.Succeeded, run.Status);
        Assert.Equal(runId, run.JobRunId);
    }

    [Fact]
    public async Task An_impossible_gate_rejects_the_candidate_with_the_reason()
    {
        await SeedAsync(ReleasePolicy.Default with { Gates = [new GateRule(GateKind.MinimumMetric, "macro_f1", 1.01)] });
        await RetrainAsync("alice");

        var v1 = Assert.Single(await VersionsAsync());
        Assert.Equal(ModelStage.Rejected, v1.Stage);
        Assert.Equal(0, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.CountAsync()));
        var rejection = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().AuditEvents
            .Where(e => e.Action == "version.stage-changed").Select(e => e.Payload).ToListAsync());
        Assert.Contains(rejection, p => p.Contains("macro_f1 >= 1.01", StringComparison.Ordinal) && p.Contains("Rejected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pending_requests_expire_by_the_clock_and_then_take_no_decisions()
    {
        await SeedAsync(ReleasePolicy.Default with { ApprovalExpiry = TimeSpan.FromDays(3) });
        await RetrainAsync("alice");
        var request = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());

        Assert.Equal(0, await UseAsync(sp => sp.GetRequiredService<ExpireApprovals>().RunAsync(Actor.System, default)));
        // The Evaluate job re-evaluates the open (Staging) candidate on the newest snapshot.
        await Host.RunHandlerAsync(Jobs.JobKind.Evaluate, LoopHost.Context(Jobs.JobKind.Evaluate, Model, "scheduler"));
        Assert.Equal(2, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().EvaluationRecords.CountAsync(e => e.CandidateVersionId == request.ModelVersionId)));
        Host.Clock.Advance(TimeSpan.FromDays(3) + TimeSpan.FromSeconds(1));
        var job = LoopHost.Context(Jobs.JobKind.ExpireApprovals, Model, "scheduler");
        await Host.RunHandlerAsync(Jobs.JobKind.ExpireApprovals, job);
        Assert.Contains(((RecordingProgress)job.Progress).Lines, l => l.EndsWith("1 approval request(s) expired", StringComparison.Ordinal));
        var expired = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());
        Assert.Equal(ApprovalStatus.Expired, expired.Status);

        var late = await Refused(request.Id, "bob", Engineer);
        Assert.Equal(DomainErrorKind.Conflict, late.Kind);
        Assert.Contains("expired", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drift_check_flags_shifted_incoming_data_only()
    {
        await SeedAsync(ReleasePolicy.Default with { OnDrift = DriftResponse.Retrain });
        await RetrainAsync("alice");
        var request = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());
        await DecideAsync(request.Id, "bob", Engineer, ApprovalVerdict.Approve);
        await DecideAsync(request.Id, "carol", Compliance, ApprovalVerdict.Approve);

        await UseAsync(sp => sp.GetRequiredService<SnapshotTrainingData>().RegisterAsync(LoopStore.IncomingDataset(Model),
            SyntheticMail.Rows(500, 7, "same"), Actor.System, "synthetic", "same distribution", default));
        var same = await UseAsync(sp => sp.GetRequiredService<DriftCheck>().RunAsync(Model, Actor.System, null, default));
        Assert.NotNull(same);
        Assert.False(same.Breached, $"statistic {same.Statistic}");
        Assert.Empty(Host.Retrains.Requests);

        await UseAsync(sp => sp.GetRequiredService<SnapshotTrainingData>().RegisterAsync(LoopStore.IncomingDataset(Model),
            SyntheticMail.Rows(500, 8, "shifted", shifted: true), Actor.System, "synthetic", "other topic", default));
        await Host.RunHandlerAsync(Jobs.JobKind.DriftCheck, LoopHost.Context(Jobs.JobKind.DriftCheck, Model, "scheduler"));
        var shifted = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().DriftReports.AsNoTracking().OrderByDescending(d => d.CreatedAt).FirstAsync(d => d.Breached));
        Assert.True(shifted.Breached);
        Assert.False(shifted.Resolved);
        Assert.Single(Host.Retrains.Requests);

        // An unresolved breach blocks the next candidate's no-drift gate until someone resolves it with a reason.
        await RetrainAsync("alice");
        var blocked = (await VersionsAsync())[0];
        Assert.Equal(ModelStage.Rejected, blocked.Stage);
        Assert.Contains("Unresolved drift", await GatesAsync(), StringComparison.Ordinal);
        await UseAsync(sp => sp.GetRequiredService<DriftCheck>().ResolveAsync(shifted.Id, "Retrained on the new topic.", Actor.User("bob"), default));
        Assert.Equal(0, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().DriftReports.CountAsync(d => d.Breached && !d.Resolved)));
    }

    [Fact]
    public async Task A_rejection_needs_a_reason_and_rejects_the_candidate()
    {
        await SeedAsync();
        await RetrainAsync("alice");
        var request = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());

        var noReason = await Assert.ThrowsAsync<DomainException>(() => UseAsync(sp => sp.GetRequiredService<Decide>()
            .RunAsync(request.Id, "carol", Compliance, ApprovalVerdict.Reject, "  ", default)));
        Assert.Contains("needs a reason", noReason.Message, StringComparison.Ordinal);
        var rejected = await DecideAsync(request.Id, "carol", Compliance, ApprovalVerdict.Reject);

        Assert.Equal(ApprovalStatus.Rejected, rejected.Status);
        Assert.Equal(ModelStage.Rejected, (await VersionsAsync())[0].Stage);
        var stored = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());
        var decision = Assert.Single(stored.Decisions);
        Assert.Equal(("carol", Roles.ComplianceOfficer, "not convinced"), (decision.UserName, decision.Role, decision.Reason));
    }

    [Fact]
    public async Task By_default_a_drift_breach_asks_for_a_retrain_with_an_audit_event_and_a_webhook()
    {
        await SeedAsync();
        await UseAsync(sp => sp.GetRequiredService<Webhooks.WebhookSubscriptions>().SubscribeAsync("http://127.0.0.1:9/hook", "a-long-enough-shared-secret",
            [WebhookEvents.DriftDetected], Actor.User("admin"), default));
        await RetrainAsync("alice");
        var request = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());
        await DecideAsync(request.Id, "bob", Engineer, ApprovalVerdict.Approve);
        await DecideAsync(request.Id, "carol", Compliance, ApprovalVerdict.Approve);
        await UseAsync(sp => sp.GetRequiredService<SnapshotTrainingData>().RegisterAsync(LoopStore.IncomingDataset(Model),
            SyntheticMail.Rows(500, 8, "shifted", shifted: true), Actor.System, "synthetic", "other topic", default));

        var report = await UseAsync(sp => sp.GetRequiredService<DriftCheck>().RunAsync(Model, Actor.System, null, default));

        Assert.True(report!.Breached);
        Assert.Empty(Host.Retrains.Requests);
        var actions = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().AuditEvents.Select(e => e.Action).ToListAsync());
        Assert.Contains(LoopAudit.RetrainRequested, actions);
        var delivery = await UseAsync(async sp => await sp.GetRequiredService<GovernanceDbContext>().WebhookDeliveries.AsNoTracking().SingleAsync());
        Assert.Equal(WebhookEvents.DriftDetected, delivery.Event);
        Assert.Contains(report.Id.ToString(), delivery.Payload, StringComparison.Ordinal);
    }

    private Task<string> GatesAsync() => UseAsync(async sp => string.Join("\n", await sp.GetRequiredService<GovernanceDbContext>().AuditEvents
        .Where(e => e.Action == LoopAudit.GatesEvaluated).Select(e => e.Payload).ToListAsync()));

    private Task<ApprovalRequest> DecideAsync(Guid id, string user, IReadOnlyCollection<string> roles, ApprovalVerdict verdict) =>
        UseAsync(sp => sp.GetRequiredService<Decide>().RunAsync(id, user, roles, verdict, verdict == ApprovalVerdict.Reject ? "not convinced" : null, default));

    private async Task<DomainException> Refused(Guid id, string user, IReadOnlyCollection<string> roles) =>
        await Assert.ThrowsAsync<DomainException>(() => DecideAsync(id, user, roles, ApprovalVerdict.Approve));
}

public sealed class SqliteLoopScenarioTests() : LoopScenarioTests(DatabaseProvider.Sqlite, null);

[Collection(LoopPostgresCollection.Name)]
public sealed class PostgresLoopScenarioTests(PostgresFixture fixture) : LoopScenarioTests(DatabaseProvider.Postgres, fixture.Server);
