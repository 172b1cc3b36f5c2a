using Governance.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// The two Quartz schedulers of a node over one persistent store: the CPU one (instance name
/// <see cref="SchedulerOptions.InstanceName"/>) and the GPU one (<see cref="SchedulerOptions.GpuInstanceName"/>,
/// same tables). Both are always built, so any node can add triggers to either; only nodes with the
/// matching role start one (see <see cref="SchedulerHostedService"/>); a scheduler that is not started
/// is in standby and never executes.
/// </summary>
public sealed class QuartzSchedulers(SchedulerOptions options, GovernanceDataOptions data, IServiceScopeFactory scopes, TimeProvider time) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private StandaloneSchedulerFactory? _cpuFactory;
    private StandaloneSchedulerFactory? _gpuFactory;
    private IScheduler? _cpu;
    private IScheduler? _gpu;

    public async Task<IScheduler> CpuAsync(CancellationToken ct = default) => (await EnsureAsync(ct)).Cpu;

    public async Task<IScheduler> GpuAsync(CancellationToken ct = default) => (await EnsureAsync(ct)).Gpu;

    public async Task<IScheduler> ForAsync(bool gpu, CancellationToken ct = default) => gpu ? await GpuAsync(ct) : await CpuAsync(ct);

    private async Task<(IScheduler Cpu, IScheduler Gpu)> EnsureAsync(CancellationToken ct)
    {
        if (_cpu is not null && _gpu is not null)
        {
            return (_cpu, _gpu);
        }
        await _gate.WaitAsync(ct);
        try
        {
            if (_cpu is null)
            {
                _cpuFactory = Build(options.InstanceName, options.MaxConcurrency);
                _cpu = await _cpuFactory.GetScheduler(ct);
            }
            if (_gpu is null)
            {
                _gpuFactory = Build(options.GpuInstanceName, options.GpuMaxConcurrency);
                _gpu = await _gpuFactory.GetScheduler(ct);
            }
            return (_cpu, _gpu!);
        }
        finally
        {
            _gate.Release();
        }
    }

    private StandaloneSchedulerFactory Build(string instanceName, int threads)
    {
        var postgres = data.Provider == DatabaseProvider.Postgres;
        return QuartzSchedulerBuilder.Create(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = instanceName;
                s.InstanceId = options.NodeName;
                s.IdleWaitTime = options.IdleWaitTime;
                // On host stop running jobs are interrupted; with RecoverFiringsCancelledByShutdown their
                // firing is handed back for recovery, so another worker continues them (attempt + 1).
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
            });
            q.UseDefaultThreadPool(threads);
            q.UseTimeProvider(time);
            q.UseJobFactory(new ScopedJobFactory(scopes));
            q.UsePersistentStore(store =>
            {
                if (postgres)
                {
                    store.UsePostgres(NpgsqlFactory.Instance, options.QuartzConnectionString ?? data.ConnectionString);
                    if (options.Clustered)
                    {
                        store.UseClustering(c =>
                        {
                            c.Enabled = true;
                            c.CheckinInterval = options.ClusterCheckinInterval;
                            if (options.ClusterCheckinMisfireThreshold is { } threshold)
                            {
                                c.CheckinMisfireThreshold = threshold;
                            }
                        });
                    }
                }
                else
                {
                    store.UseSqlite(SqliteFactory.Instance, options.QuartzConnectionString ?? SqliteQuartzConnectionString(data.ConnectionString));
                }
                store.UseSystemTextJsonSerializer(_ => { });
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = options.TablePrefix;
                    o.RecoverFiringsCancelledByShutdown = true;
                    o.DbRetryInterval = options.DbRetryInterval;
                });
            });
        }).Build();
    }

    /// <summary>
    /// Quartz's SQLite store lives in a file beside the governance database ("governance.quartz.db"):
    /// Quartz polls and writes often, and SQLite has one writer per file, so sharing the file would make
    /// the portal's writes wait on the scheduler's.
    /// </summary>
    internal static string SqliteQuartzConnectionString(string governanceConnectionString)
    {
        var b = new SqliteConnectionStringBuilder(governanceConnectionString);
        if (!string.IsNullOrEmpty(b.DataSource) && b.DataSource != ":memory:" && b.Mode != SqliteOpenMode.Memory)
        {
            b.DataSource = Path.ChangeExtension(b.DataSource, ".quartz.db");
        }
        b.Pooling = true;
        return b.ToString();
    }

    public async Task ShutdownAsync(CancellationToken ct = default)
    {
        if (_gpu is { } gpu && gpu.Status is not (SchedulerStatus.Shutdown or SchedulerStatus.ShuttingDown))
        {
            await gpu.Shutdown(waitForJobsToComplete: true, ct);
        }
        if (_cpu is { } cpu && cpu.Status is not (SchedulerStatus.Shutdown or SchedulerStatus.ShuttingDown))
        {
            await cpu.Shutdown(waitForJobsToComplete: true, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ShutdownAsync();
        if (_gpuFactory is not null)
        {
            await _gpuFactory.DisposeAsync();
        }
        if (_cpuFactory is not null)
        {
            await _cpuFactory.DisposeAsync();
        }
        _gate.Dispose();
    }
}
