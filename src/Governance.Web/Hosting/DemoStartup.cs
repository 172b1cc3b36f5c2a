using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Demo;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;

namespace Governance.Web.Hosting;

/// <summary>
/// With <c>Demo:Seed=true</c> (set by the README's run command through launchSettings.json, never by
/// deployments), an empty registry gets the SpamAssassin "spam-triage" model, its default schedules and
/// a first retrain, so a new user sees the loop at work within minutes.
/// </summary>
internal static class DemoStartup
{
    public static async Task SeedDemoIfRequestedAsync(this WebApplication app, CancellationToken ct = default)
    {
        if (!app.Configuration.GetValue("Demo:Seed", false))
        {
            return;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var console = services.GetRequiredService<OperatorConsole>().Out;
        if (!await services.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync(app.Configuration["Demo:CorpusDirectory"], ct))
        {
            return;
        }
        await services.GetRequiredService<Schedules>().EnsureDefaultsAsync(DemoSeeder.ModelName, Actor.System, ct);
        var run = await services.GetRequiredService<JobRuns>().StartAsync(
            JobKind.Retrain, DemoSeeder.ModelName, JobRunTrigger.Manual, Actor.System, ct: ct);
        console.WriteLine($"Demo: seeded model '{DemoSeeder.ModelName}' from the SpamAssassin corpus; first retrain queued (run {run.Id}).");
    }
}
