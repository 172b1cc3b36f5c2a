using System.Diagnostics;
using Governance.Data;
using Governance.Pipelines.Demo;
using Governance.Pipelines.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Governance.Pipelines.Tests.Loop;

/// <summary>
/// Measures the demo's first training on the real SpamAssassin corpus (minutes, so only when
/// GOVERNANCE_DEMO=1 is set; skipped otherwise). Prints time, macro-F1 and the gates.
/// </summary>
public sealed class DemoMeasurement(ITestOutputHelper output)
{
    [DemoFact]
    public async Task Demo_first_training_is_measured()
    {
        await using var host = await LoopHost.CreateAsync(DatabaseProvider.Sqlite, null);
        var clock = Stopwatch.StartNew();
        Assert.True(await host.InScopeAsync(sp => sp.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(null, default)));
        output.WriteLine($"seeded in {clock.Elapsed.TotalSeconds:0.0} s");
        clock.Restart();
        var context = LoopHost.Context(JobKind.Retrain, DemoSeeder.ModelName, "scheduler");
        await host.RunHandlerAsync(JobKind.Retrain, context);
        output.WriteLine($"retrain (train + evaluate + bias + gates) in {clock.Elapsed.TotalSeconds:0.0} s");
        foreach (var line in ((RecordingProgress)context.Progress).Lines)
        {
            output.WriteLine(line);
        }
        await host.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<GovernanceDbContext>();
            var e = await db.EvaluationRecords.SingleAsync();
            output.WriteLine($"macro-F1 {e.MacroF1:0.####} [{e.MacroF1Lower:0.####}, {e.MacroF1Upper:0.####}], accuracy {e.Accuracy:0.####}, n={e.SampleCount}");
            foreach (var p in await db.AuditEvents.Where(a => a.Action == "gates.evaluated").Select(a => a.Payload).ToListAsync())
            {
                output.WriteLine(p);
            }
            return 0;
        });

        // Approve as two people, then the drift check sees the newer groups.
        var requestId = await host.InScopeAsync(async sp => (await sp.GetRequiredService<GovernanceDbContext>().ApprovalRequests.SingleAsync()).Id);
        await host.InScopeAsync(sp => sp.GetRequiredService<UseCases.Decide>().RunAsync(requestId, "erin", [Domain.Access.Roles.MLEngineer], Domain.Releases.ApprovalVerdict.Approve, null, default));
        await host.InScopeAsync(sp => sp.GetRequiredService<UseCases.Decide>().RunAsync(requestId, "frank", [Domain.Access.Roles.ComplianceOfficer], Domain.Releases.ApprovalVerdict.Approve, null, default));
        clock.Restart();
        var drift = await host.InScopeAsync(sp => sp.GetRequiredService<UseCases.DriftCheck>().RunAsync(DemoSeeder.ModelName, Domain.Access.Actor.System, null, default));
        output.WriteLine($"drift check in {clock.Elapsed.TotalSeconds:0.0} s: breached {drift?.Breached}, domain-classifier AUC {drift?.Statistic:0.###}");
    }
}
