using Governance.Data;
using Governance.Data.Migrations;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Demo;
using Governance.Pipelines.Features;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.Tests.Loop;
using Governance.Pipelines.Tests.Scheduling;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Governance.Pipelines.Tests.Reliability;

/// <summary>
/// A worker node as the host wires it (data + scheduler + the loop's real handlers) on a fresh
/// PostgreSQL database, with short retry intervals and optional command interceptors (fault injection).
/// </summary>
public sealed class ReliabilityHost : IAsyncDisposable
{
    public const string Model = "mail-triage";
    private readonly string _root;
    private bool _started;

    private ReliabilityHost(GovernanceDataOptions data, string root, IInterceptor[] interceptors, int maxAttempts)
    {
        Data = data;
        _root = root;
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddGovernanceData(data);
        services.ConfigureDbContext<GovernanceDbContext>(o => o.AddInterceptors(interceptors));
        var options = SchedulerTestHost.FastOptions("gov-" + Guid.NewGuid().ToString("N")[..8]);
        options.RetryBaseDelay = TimeSpan.FromSeconds(1);
        options.RetryMaxDelay = TimeSpan.FromSeconds(2);
        options.DefaultMaxAttempts = maxAttempts;
        options.DbRetryInterval = TimeSpan.FromSeconds(1);
        options.OutcomeWriteTimeout = TimeSpan.FromSeconds(60);
        services.AddGovernanceScheduler(options);
        services.AddGovernanceLoop(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Loop:WorkDirectory"] = Path.Combine(root, "work"),
            ["Loop:BootstrapResamples"] = "200",
            ["Loop:MinimumGroupSize"] = "10",
        }).Build());
        services.AddScoped<IRetrainRequester, SchedulerRetrainRequester>();
        Services = services.BuildServiceProvider();
    }

    public GovernanceDataOptions Data { get; }
    public ServiceProvider Services { get; }

    /// <summary>A migrated database with the model, its policy and 500 synthetic training rows.</summary>
    public static async Task<ReliabilityHost> CreateAsync(PostgresServer server, Func<string, IInterceptor[]>? interceptors = null, int maxAttempts = 4)
    {
        var root = Path.Combine(Path.GetTempPath(), "gov-rel-" + Guid.NewGuid().ToString("N")[..12]);
        var connectionString = await server.CreateDatabaseAsync();
        var data = new GovernanceDataOptions(DatabaseProvider.Postgres, connectionString, Path.Combine(root, "artifacts"));
        var host = new ReliabilityHost(data, root, interceptors?.Invoke(connectionString) ?? [], maxAttempts);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        await host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ModelRegistry>().RegisterModelAsync(new ModelDraft(Model, "text-classification", "support", "tests", RiskTier.Limited,
                SensitiveAttributes: [SpamTriageRows.SenderCcTld, SpamTriageRows.NonAscii]), Actor.System, default);
            await sp.GetRequiredService<SetReleasePolicy>().RunAsync(Model, ReleasePolicy.Default, Actor.System, default);
            return await sp.GetRequiredService<SnapshotTrainingData>().RunAsync(Model, SyntheticMail.Rows(500, 1, "train"), Actor.System, "synthetic", default);
        });
        return host;
    }

    public async Task StartAsync()
    {
        await Services.GetRequiredService<SchedulerHostedService>().StartAsync(CancellationToken.None);
        _started = true;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public Task<JobRun> StartRetrainAsync(string initiator) =>
        InScopeAsync(sp => sp.GetRequiredService<JobRuns>().StartAsync(JobKind.Retrain, Model, JobRunTrigger.Manual, Actor.User(initiator),
            new Dictionary<string, string> { ["spec"] = SyntheticMail.TinySpec.ToJson() }));

    /// <summary>Polls the run (through a fresh scope, so a failed read during an outage is only a missed poll) until it is final.</summary>
    public async Task<JobRun> WaitForFinalAsync(Guid runId, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        JobRun? run = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                run = await InScopeAsync(sp => sp.GetRequiredService<GovernanceDbContext>().JobRuns.AsNoTracking().SingleAsync(r => r.Id == runId));
                if (run.IsFinal)
                {
                    return run;
                }
            }
            catch (Exception ex) when (TransientFailures.IsTransient(ex))
            {
                // The database is away; look again.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"Run {runId} did not finish; last: {run?.Status} attempts={run?.Attempts} line='{run?.StatusLine}' error='{run?.Error}'.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await Services.GetRequiredService<SchedulerHostedService>().StopAsync(cts.Token);
        }
        await Services.DisposeAsync();
        await using (var connection = new Npgsql.NpgsqlConnection(Data.ConnectionString))
        {
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was written.
        }
    }
}
