using Governance.Data;
using Governance.Data.Audit;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Tests.Loop;
using Governance.Pipelines.UseCases;
using Governance.Pipelines.Webhooks;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Reliability;

/// <summary>
/// Steps that span two transactions (the use case's, then the registry's stage change) fail between
/// them; running the step again (the retried run, or the periodic approval housekeeping) converges:
/// one approval request, one webhook per event, the stage change with its audit event, an intact chain.
/// </summary>
public sealed class InterruptedApprovalStepTests() : LoopTestBase(DatabaseProvider.Sqlite, null)
{
    private const string Secret = "a-long-enough-shared-secret";
    private readonly FailOnceAtCommand _failure = new();

    protected override IInterceptor[] Interceptors => [_failure];

    [Fact]
    public async Task A_promotion_cut_off_after_the_last_approval_is_completed_by_the_housekeeping_once()
    {
        await SeedAsync();
        await SubscribeAsync(WebhookEvents.VersionPromoted);
        await RetrainAsync("alice");
        var request = await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());
        await DecideAsync(request.Id, "bob", Roles.MLEngineer);

        _failure.Arm(FailOnceAtCommand.StageChangeTo(nameof(ModelStage.Production)));
        await ConnectionLostAsync(() => DecideAsync(request.Id, "carol", Roles.ComplianceOfficer));

        Assert.Equal(ApprovalStatus.Approved, (await RequestAsync(request.Id)).Status);
        Assert.Equal(ModelStage.Staging, Assert.Single(await VersionsAsync()).Stage);
        Assert.Equal(0, await DeliveriesAsync(WebhookEvents.VersionPromoted));

        // Within the grace period the housekeeping leaves it to the step that may still be completing it.
        await HousekeepingAsync();
        Assert.Equal(ModelStage.Staging, Assert.Single(await VersionsAsync()).Stage);

        Host.Clock.Advance(ReconcileApprovals.Grace + TimeSpan.FromSeconds(1));
        await HousekeepingAsync();
        await HousekeepingAsync();

        Assert.Equal(ModelStage.Production, Assert.Single(await VersionsAsync()).Stage);
        Assert.Equal(1, await DeliveriesAsync(WebhookEvents.VersionPromoted));
        Assert.Equal(1, await StageChangesToAsync(ModelStage.Production));
        await ChainIntactAsync();
    }

    [Fact]
    public async Task A_rejection_cut_off_before_the_version_is_rejected_is_completed_by_the_housekeeping()
    {
        await SeedAsync();
        await RetrainAsync("alice");
        var request = await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());

        _failure.Arm(FailOnceAtCommand.StageChangeTo(nameof(ModelStage.Rejected)));
        await ConnectionLostAsync(() => UseAsync(sp => sp.GetRequiredService<Decide>()
            .RunAsync(request.Id, "bob", [Roles.MLEngineer], ApprovalVerdict.Reject, "too few test mails", default)));
        Assert.Equal(ModelStage.Staging, Assert.Single(await VersionsAsync()).Stage);

        Host.Clock.Advance(ReconcileApprovals.Grace + TimeSpan.FromSeconds(1));
        await HousekeepingAsync();
        await HousekeepingAsync();

        var version = Assert.Single(await VersionsAsync());
        Assert.Equal(ModelStage.Rejected, version.Stage);
        Assert.Equal(1, await StageChangesToAsync(ModelStage.Rejected));
        await ChainIntactAsync();
    }

    [Fact]
    public async Task An_approval_request_cut_off_before_staging_converges_when_the_run_is_retried()
    {
        await SeedAsync();
        await SubscribeAsync(WebhookEvents.ApprovalRequested);
        var runId = Guid.NewGuid();
        _failure.Arm(FailOnceAtCommand.StageChangeTo(nameof(ModelStage.Staging)));
        await ConnectionLostAsync(() => RetrainAsync("alice", runId));
        Assert.Equal(ModelStage.Candidate, Assert.Single(await VersionsAsync()).Stage);

        await RetrainAsync("alice", runId);

        Assert.Equal(ModelStage.Staging, Assert.Single(await VersionsAsync()).Stage);
        Assert.Equal(1, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.CountAsync()));
        Assert.Equal(1, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().AuditEvents.CountAsync(e => e.Action == LoopAudit.ApprovalRequested)));
        Assert.Equal(1, await DeliveriesAsync(WebhookEvents.ApprovalRequested));
        Assert.Equal(1, await StageChangesToAsync(ModelStage.Staging));
        await ChainIntactAsync();
    }

    [Fact]
    public async Task A_gate_rejection_cut_off_after_the_gates_were_recorded_converges_with_one_webhook()
    {
        await SeedAsync(ReleasePolicy.Default with { Gates = [new GateRule(GateKind.MinimumMetric, "macro_f1", 1.01)] });
        await SubscribeAsync(WebhookEvents.GateFailed);
        var runId = Guid.NewGuid();
        _failure.Arm(FailOnceAtCommand.StageChangeTo(nameof(ModelStage.Rejected)));
        await ConnectionLostAsync(() => RetrainAsync("alice", runId));
        Assert.Equal(ModelStage.Candidate, Assert.Single(await VersionsAsync()).Stage);
        Assert.Equal(1, await DeliveriesAsync(WebhookEvents.GateFailed));

        await RetrainAsync("alice", runId);

        Assert.Equal(ModelStage.Rejected, Assert.Single(await VersionsAsync()).Stage);
        Assert.Equal(1, await DeliveriesAsync(WebhookEvents.GateFailed));
        Assert.Equal(1, await StageChangesToAsync(ModelStage.Rejected));
        Assert.Equal(0, await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.CountAsync()));
        await ChainIntactAsync();
    }

    private static async Task ConnectionLostAsync(Func<Task> step)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(step);
        Assert.True(thrown is SimulatedConnectionLoss || thrown.InnerException is SimulatedConnectionLoss, thrown.ToString());
    }

    private Task<ApprovalRequest> DecideAsync(Guid requestId, string user, string role) =>
        UseAsync(sp => sp.GetRequiredService<Decide>().RunAsync(requestId, user, [role], ApprovalVerdict.Approve, null, default));

    private Task<ApprovalRequest> RequestAsync(Guid id) =>
        UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync(a => a.Id == id));

    private Task SubscribeAsync(string eventName) =>
        UseAsync(sp => sp.GetRequiredService<WebhookSubscriptions>().SubscribeAsync("http://127.0.0.1:9/hook", Secret, [eventName], Actor.User("admin"), default));

    private Task<int> DeliveriesAsync(string eventName) =>
        UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().WebhookDeliveries.CountAsync(d => d.Event == eventName));

    private Task<int> StageChangesToAsync(ModelStage stage) =>
        UseAsync(async sp => (await sp.GetRequiredService<GovernanceDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.Action == AuditActions.VersionStageChanged).Select(e => e.Payload).ToListAsync())
            .Count(d => d.Contains($"\"to\":\"{stage}\"", StringComparison.Ordinal) || d.Contains($"\"to\":{(int)stage}", StringComparison.Ordinal)));

    private Task HousekeepingAsync() =>
        Host.RunHandlerAsync(JobKind.ExpireApprovals, LoopHost.Context(JobKind.ExpireApprovals, Model, "scheduler"));

    private async Task ChainIntactAsync()
    {
        var chain = await UseAsync(sp => sp.GetRequiredService<AuditTrail>().VerifyAsync());
        Assert.True(chain.IsIntact, chain.Problem);
    }
}
