using Governance.Data;
using Governance.Domain.Jobs;
using Governance.Pipelines.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>Progress writes are throttled by the injected clock and fenced by the attempt.</summary>
public sealed class ProgressWriterTests : IAsyncLifetime
{
    private readonly FixedTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 3, 0, 0, TimeSpan.Zero));
    private SchedulerTestHost? _host;

    private SchedulerTestHost Host => _host!;

    public async Task InitializeAsync() => _host = await SchedulerTestHost.CreateAsync(DatabaseProvider.Sqlite, null, o => o.RunsCpuJobs = false, _time);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    private async Task<JobRun> ReadAsync(Guid id)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GovernanceDbContext>().JobRuns.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    [Fact]
    public async Task Reports_closer_than_the_interval_are_held_and_the_latest_is_written_later()
    {
        Guid id;
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var run = JobRun.Queue("Retrain", SchedulerTestHost.Model, JobRunTrigger.Manual, "alice", "{}", false, 3, _time.GetUtcNow());
            run.Start("node-x", _time.GetUtcNow());
            db.JobRuns.Add(run);
            await db.SaveChangesAsync();
            id = run.Id;
        }
        var scopes = Host.Services.GetRequiredService<IServiceScopeFactory>();
        await using var writer = await JobProgressWriter.CreateAsync(scopes, id, attempt: 1, TimeSpan.FromSeconds(1), _time, CancellationToken.None);

        await writer.ReportAsync(0.1, "epoch 1", CancellationToken.None);
        await writer.ReportAsync(0.2, "epoch 2", CancellationToken.None);
        Assert.Equal(0.1, (await ReadAsync(id)).Progress);

        _time.Now += TimeSpan.FromSeconds(2);
        await writer.ReportAsync(0.3, "epoch 3", CancellationToken.None);
        await writer.ReportAsync(0.4, "epoch 4", CancellationToken.None);
        Assert.Equal("epoch 3", (await ReadAsync(id)).StatusLine);
        await writer.FlushAsync(CancellationToken.None);
        Assert.Equal(0.4, (await ReadAsync(id)).Progress);

        // Another node took the run over (attempt 2): this writer's reports no longer land.
        await using (var scope = Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
            var run = await db.JobRuns.SingleAsync(r => r.Id == id);
            run.Start("node-y", _time.GetUtcNow());
            await db.SaveChangesAsync();
        }
        _time.Now += TimeSpan.FromSeconds(2);
        await writer.ReportAsync(0.9, "stale", CancellationToken.None);
        Assert.Equal("running on node-y (attempt 2)", (await ReadAsync(id)).StatusLine);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => writer.ReportAsync(1.5, "too far", CancellationToken.None));
    }
}
