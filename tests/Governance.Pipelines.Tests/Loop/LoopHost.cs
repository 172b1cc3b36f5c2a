using Governance.Data;
using Governance.Data.Migrations;
using Governance.Domain.Access;
using Governance.Pipelines.Features;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Loop;

/// <summary>A fresh migrated database (SQLite file or PostgreSQL database) with data and loop services, a manual clock and a retrain recorder.</summary>
public sealed class LoopHost : IAsyncDisposable
{
    private readonly SqliteDatabase? _sqlite;
    private readonly string _root;

    private LoopHost(GovernanceDataOptions options, SqliteDatabase? sqlite, string root, IInterceptor[] interceptors)
    {
        Options = options;
        _sqlite = sqlite;
        _root = root;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddGovernanceData(options);
        services.ConfigureDbContext<GovernanceDbContext>(o => o.AddInterceptors(interceptors));
        services.AddSingleton<IRetrainRequester>(Retrains);
        services.AddSingleton<IDriftCheckRequester>(DriftChecks);
        services.AddGovernanceLoop(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Loop:WorkDirectory"] = Path.Combine(root, "work"),
            ["Loop:BootstrapResamples"] = "200",
            ["Loop:MinimumGroupSize"] = "10",
            ["Loop:WebhookRetryDelay"] = "00:00:30",
        }).Build());
        Services = services.BuildServiceProvider();
    }

    public GovernanceDataOptions Options { get; }
    public ServiceProvider Services { get; }
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));
    public RecordingRetrains Retrains { get; } = new();
    public RecordingDriftChecks DriftChecks { get; } = new();

    public static async Task<LoopHost> CreateAsync(DatabaseProvider provider, PostgresServer? postgres, params IInterceptor[] interceptors)
    {
        var root = Path.Combine(Path.GetTempPath(), "gov-loop-" + Guid.NewGuid().ToString("N")[..12]);
        SqliteDatabase? sqlite = null;
        string cs;
        if (provider == DatabaseProvider.Postgres)
        {
            cs = await (postgres ?? throw new ArgumentNullException(nameof(postgres))).CreateDatabaseAsync();
        }
        else
        {
            sqlite = new SqliteDatabase();
            cs = sqlite.ConnectionString;
        }
        var host = new LoopHost(new GovernanceDataOptions(provider, cs, Path.Combine(root, "artifacts")), sqlite, root, interceptors);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        return host;
    }

    /// <summary>Runs <paramref name="use"/> with services of a new scope (one DbContext), as a job or a request would.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    public async Task RunHandlerAsync(JobKind kind, JobContext context, CancellationToken ct = default)
    {
        await using var scope = Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetServices<IJobHandler>().Single(h => h.Kind == kind);
        await handler.RunAsync(context, ct);
    }

    public static JobContext Context(JobKind kind, string model, string initiator, Guid? runId = null, IReadOnlyDictionary<string, string>? parameters = null,
        int attempt = 1, RecordingProgress? progress = null) =>
        new(runId ?? Guid.NewGuid(), kind, model, Actor.Job(kind.ToString().ToLowerInvariant()), initiator, attempt,
            parameters ?? new Dictionary<string, string>(), progress ?? new RecordingProgress());

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Options.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new Npgsql.NpgsqlConnection(Options.ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
        _sqlite?.Dispose();
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

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>Records progress; optionally cancels a token when a status line contains a marker (a crash at a known step).</summary>
public sealed class RecordingProgress(CancellationTokenSource? cancelOn = null, string? marker = null) : IJobProgress
{
    public List<string> Lines { get; } = [];

    public Task ReportAsync(double fraction, string status, CancellationToken cancellationToken)
    {
        lock (Lines)
        {
            Lines.Add($"{fraction:0.00} {status}");
        }
        if (marker is not null && status.Contains(marker, StringComparison.Ordinal))
        {
            cancelOn?.Cancel();
        }
        return Task.CompletedTask;
    }

    public Task LogAsync(string message, CancellationToken cancellationToken)
    {
        lock (Lines)
        {
            Lines.Add(message);
        }
        return Task.CompletedTask;
    }
}

public sealed class RecordingRetrains : IRetrainRequester
{
    public List<string> Requests { get; } = [];

    public Task RequestRetrainAsync(string modelName, string reason, CancellationToken cancellationToken)
    {
        Requests.Add($"{modelName}: {reason}");
        return Task.CompletedTask;
    }
}

public sealed class RecordingDriftChecks : IDriftCheckRequester
{
    public List<string> Requests { get; } = [];

    public Task RequestDriftCheckAsync(string modelName, string reason, CancellationToken cancellationToken)
    {
        Requests.Add($"{modelName}: {reason}");
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class LoopPostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "loop-postgres";
}
