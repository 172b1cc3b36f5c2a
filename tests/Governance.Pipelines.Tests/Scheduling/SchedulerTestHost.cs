using Governance.Data;
using Governance.Data.Migrations;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Domain.Registry;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Pipelines.Tests.Scheduling;

/// <summary>A node for tests: data layer + scheduler with short intervals + scripted handlers, on a fresh (or a given) database.</summary>
public sealed class SchedulerTestHost : IAsyncDisposable
{
    public const string Model = "spam-triage";

    private readonly SqliteDatabase? _sqlite;
    private bool _started;

    private SchedulerTestHost(GovernanceDataOptions data, SchedulerOptions options, SqliteDatabase? sqlite, HandlerProbe probe, TimeProvider? time,
        Action<IServiceCollection>? extra = null)
    {
        _sqlite = sqlite;
        Data = data;
        Options = options;
        Probe = probe;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        if (time is not null)
        {
            services.AddSingleton(time);
        }
        services.AddGovernanceData(data);
        services.AddGovernanceScheduler(options);
        services.AddSingleton(probe);
        foreach (var kind in new[] { JobKind.Retrain, JobKind.Evaluate, JobKind.DriftCheck })
        {
            services.AddScoped<IJobHandler>(sp => new ScriptedHandler(kind, sp.GetRequiredService<HandlerProbe>()));
        }
        extra?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public GovernanceDataOptions Data { get; }
    public SchedulerOptions Options { get; }
    public HandlerProbe Probe { get; }
    public ServiceProvider Services { get; }

    /// <summary>Short intervals so tests finish in seconds; a unique instance name per database unless shared.</summary>
    public static SchedulerOptions FastOptions(string instance) => new()
    {
        InstanceName = instance,
        GpuInstanceName = instance + "-gpu",
        NodeName = "node-" + Guid.NewGuid().ToString("N")[..6],
        RunsCpuJobs = true,
        IdleWaitTime = TimeSpan.FromSeconds(1),
        ClusterCheckinInterval = TimeSpan.FromMilliseconds(500),
        CancelPollInterval = TimeSpan.FromMilliseconds(100),
        ProgressWriteInterval = TimeSpan.Zero,
        RetryBaseDelay = TimeSpan.FromMilliseconds(200),
        RetryMaxDelay = TimeSpan.FromSeconds(1),
        WatchInterval = TimeSpan.FromMilliseconds(200),
        GpuWaitBeforeFallback = TimeSpan.FromSeconds(1),
        OrphanAfter = TimeSpan.FromSeconds(5),
        DefaultMaxAttempts = 3,
    };

    /// <summary>A fresh migrated database with the demo model, and a node on it (not started).</summary>
    public static async Task<SchedulerTestHost> CreateAsync(DatabaseProvider provider, PostgresServer? postgres,
        Action<SchedulerOptions>? configure = null, TimeProvider? time = null, Action<IServiceCollection>? services = null)
    {
        SqliteDatabase? sqlite = null;
        string connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            connectionString = await (postgres ?? throw new ArgumentNullException(nameof(postgres))).CreateDatabaseAsync();
        }
        else
        {
            sqlite = new SqliteDatabase();
            connectionString = sqlite.ConnectionString;
        }
        var data = new GovernanceDataOptions(provider, connectionString, Path.Combine(Path.GetTempPath(), "gov-art-" + Guid.NewGuid().ToString("N")[..8]));
        var options = FastOptions("gov-" + Guid.NewGuid().ToString("N")[..8]);
        configure?.Invoke(options);
        var host = new SchedulerTestHost(data, options, sqlite, new HandlerProbe(), time, services);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ModelRegistry>().RegisterModelAsync(
            new ModelDraft(Model, "classification", "email", "ml-team", RiskTier.Minimal), Actor.User("alice"));
        return host;
    }

    /// <summary>A second node on the same database (same Quartz instance names: a cluster).</summary>
    public SchedulerTestHost Sibling(Action<SchedulerOptions>? configure = null)
    {
        var options = FastOptions(Options.InstanceName);
        configure?.Invoke(options);
        return new SchedulerTestHost(Data, options, null, Probe, null);
    }

    public async Task StartAsync()
    {
        await Services.GetRequiredService<SchedulerHostedService>().StartAsync(CancellationToken.None);
        _started = true;
    }

    public async Task<T> WithAsync<T>(Func<JobRuns, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<JobRuns>());
    }

    public Task<JobRun> StartRunAsync(string mode, bool gpu = false, IReadOnlyDictionary<string, string>? extra = null, JobKind kind = JobKind.Retrain)
    {
        var parameters = new Dictionary<string, string> { ["mode"] = mode };
        foreach (var (k, v) in extra ?? new Dictionary<string, string>())
        {
            parameters[k] = v;
        }
        return WithAsync(r => r.StartAsync(kind, Model, JobRunTrigger.Manual, Actor.User("alice"), parameters, gpu));
    }

    /// <summary>Polls the run until the condition holds; fails with the run's last state after the timeout.</summary>
    public async Task<JobRun> WaitForAsync(Guid runId, Func<JobRun, bool> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JobRun? run = null;
        while (DateTime.UtcNow < deadline)
        {
            run = await WithAsync(r => r.GetAsync(runId));
            if (run is not null && condition(run))
            {
                return run;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Run {runId} did not reach the expected state; last: {run?.Status} attempts={run?.Attempts} line='{run?.StatusLine}' error='{run?.Error}'.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Services.GetRequiredService<SchedulerHostedService>().StopAsync(cts.Token);
        }
        await Services.DisposeAsync();
        if (Data.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new Npgsql.NpgsqlConnection(Data.ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
        _sqlite?.Dispose();
    }
}
