using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// Starts this node's schedulers by role: "worker" starts the CPU scheduler (and the watcher and the
/// schedule sync), "gpu-worker" the GPU scheduler; a web-only node starts none and only adds triggers.
/// On stop, running jobs are interrupted and handed back to Quartz for recovery by another node.
/// </summary>
public sealed class SchedulerHostedService(QuartzSchedulers schedulers, SchedulerOptions options, IServiceScopeFactory scopes, TimeProvider time, ILogger<SchedulerHostedService> log) : IHostedService, IAsyncDisposable
{
    private CancellationTokenSource? _stopping;
    private Task? _watch;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.RunsCpuJobs)
        {
            await (await schedulers.CpuAsync(cancellationToken)).Start(cancellationToken);
            await using (var scope = scopes.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<Schedules>().SyncAllAsync(cancellationToken);
                await scope.ServiceProvider.GetRequiredService<Housekeeping>().ScheduleAsync(cancellationToken);
            }
            _stopping = new CancellationTokenSource();
            _watch = WatchAsync(_stopping.Token);
        }
        if (options.RunsGpuJobs)
        {
            await (await schedulers.GpuAsync(cancellationToken)).Start(cancellationToken);
        }
        log.LogInformation("Scheduler on node {Node}: CPU jobs {Cpu}, GPU jobs {Gpu}.", options.NodeName, options.RunsCpuJobs, options.RunsGpuJobs);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Stop and dispose may come in either order (test hosts dispose their containers early), and
        // only the first of them may cancel and dispose the watcher's token source.
        if (Interlocked.Exchange(ref _stopping, null) is { } stopping)
        {
            await stopping.CancelAsync();
            await (_watch ?? Task.CompletedTask);
            stopping.Dispose();
        }
        await schedulers.ShutdownAsync(cancellationToken);
    }

    private async Task WatchAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.WatchInterval, time, ct);
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RunWatcher>().SweepAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // one failed sweep (database briefly away) must not end the watcher
            catch (Exception ex)
#pragma warning restore CA1031
            {
                log.LogWarning(ex, "The run watcher's sweep failed; it tries again in {Interval}.", options.WatchInterval);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _stopping, null) is { } stopping)
        {
            stopping.Cancel();
            stopping.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
