using Governance.Data;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Domain.Releases;
using Governance.Pipelines.Features;
using Governance.Pipelines.Handlers;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Tests.Scheduling;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Loop;

/// <summary>
/// A model with incoming data (the demo's spam-triage) has no drift report before its first promotion:
/// its drift check says it waits for a production version; approving the first candidate starts a drift
/// check, which then records a report against the new production version.
/// </summary>
public sealed class DriftAfterPromotionTests() : LoopTestBase(DatabaseProvider.Sqlite, null)
{
    [Fact]
    public async Task The_first_promotion_starts_a_drift_check_that_records_a_report()
    {
        await SeedAsync();
        await UseAsync(sp => sp.GetRequiredService<SnapshotTrainingData>().RegisterAsync(LoopStore.IncomingDataset(Model),
            SyntheticMail.Rows(200, 7, "incoming"), Actor.System, "synthetic", "newer mail", default));

        var before = LoopHost.Context(JobKind.DriftCheck, Model, "scheduler");
        await Host.RunHandlerAsync(JobKind.DriftCheck, before);
        Assert.Contains(((RecordingProgress)before.Progress).Lines, l => l.EndsWith(DriftCheckHandler.WaitingForProduction, StringComparison.Ordinal));

        await RetrainAsync("alice");
        Assert.Empty(Host.DriftChecks.Requests);
        var request = await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());
        await UseAsync(sp => sp.GetRequiredService<Decide>().RunAsync(request.Id, "bob", [Roles.MLEngineer], ApprovalVerdict.Approve, null, default));
        Assert.Empty(Host.DriftChecks.Requests);
        await UseAsync(sp => sp.GetRequiredService<Decide>().RunAsync(request.Id, "carol", [Roles.ComplianceOfficer], ApprovalVerdict.Approve, null, default));

        Assert.StartsWith($"{Model}: Version 1 was promoted", Assert.Single(Host.DriftChecks.Requests), StringComparison.Ordinal);
        // What the scheduler then runs:
        var after = LoopHost.Context(JobKind.DriftCheck, Model, "promotion");
        await Host.RunHandlerAsync(JobKind.DriftCheck, after);
        var report = await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().DriftReports.AsNoTracking().SingleAsync());
        Assert.Equal((await VersionsAsync())[0].Id, report.ProductionVersionId);
        Assert.Contains(((RecordingProgress)after.Progress).Lines, l => l.Contains("drift", StringComparison.Ordinal) && !l.Contains("waiting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_without_incoming_data_asks_for_no_drift_check_on_promotion()
    {
        await SeedAsync();
        await RetrainAsync("alice");
        var request = await UseAsync(sp => sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.AsNoTracking().SingleAsync());
        await UseAsync(sp => sp.GetRequiredService<Decide>().RunAsync(request.Id, "bob", [Roles.MLEngineer], ApprovalVerdict.Approve, null, default));
        await UseAsync(sp => sp.GetRequiredService<Decide>().RunAsync(request.Id, "carol", [Roles.ComplianceOfficer], ApprovalVerdict.Approve, null, default));

        Assert.Empty(Host.DriftChecks.Requests);
    }

    [Fact]
    public async Task The_scheduler_side_starts_a_drift_check_run_triggered_by_the_promotion_once()
    {
        await using var host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null, o => o.RunsCpuJobs = false,
            services: s => s.AddScoped<SchedulerDriftCheckRequester>());
        await using var scope = host.Services.CreateAsyncScope();
        var requester = scope.ServiceProvider.GetRequiredService<SchedulerDriftCheckRequester>();

        await requester.RequestDriftCheckAsync(SchedulerTestHost.Model, "Version 1 was promoted", default);
        await requester.RequestDriftCheckAsync(SchedulerTestHost.Model, "again, while the first waits", default);

        var run = await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().JobRuns.AsNoTracking().SingleAsync();
        Assert.Equal(nameof(JobKind.DriftCheck), run.Kind);
        Assert.Equal(JobRunTrigger.Promotion, run.Trigger);
        Assert.Equal(JobRunStatus.Queued, run.Status);
    }
}
