using Governance.Data;
using Governance.Data.Migrations;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Learning.Nn;
using Governance.Learning.Tokenization;
using Governance.Pipelines.Demo;
using Governance.Pipelines.Features;
using Governance.Pipelines.Serving;
using Governance.Pipelines.Tests.Loop;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Governance.Pipelines.Tests.Serving;

/// <summary>
/// A migrated database with loop and serving services, the log writer running, and tiny hand-made model
/// packages put into production straight through the registry (no training), so a test knows exactly
/// which weights answer.
/// </summary>
public sealed class ServingHost : IAsyncDisposable
{
    public const string Model = "mail-triage";
    private readonly SqliteDatabase? _sqlite;
    private readonly string _root;
    private readonly GovernanceDataOptions _options;

    private ServingHost(GovernanceDataOptions options, SqliteDatabase? sqlite, string root, Dictionary<string, string?> settings)
    {
        _options = options;
        _sqlite = sqlite;
        _root = root;
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>(settings)
        {
            ["Loop:WorkDirectory"] = Path.Combine(root, "work"),
            ["Serving:ProductionCheckInterval"] = "00:00:00",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddGovernanceData(options);
        services.AddGovernanceLoop(config);
        services.AddGovernanceServing(config);
        Services = services.BuildServiceProvider();
    }

    public ServiceProvider Services { get; }
    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));
    public Predictor Predictor => Services.GetRequiredService<Predictor>();
    public PredictionLog Log => Services.GetRequiredService<PredictionLog>();

    public static async Task<ServingHost> CreateAsync(DatabaseProvider provider, PostgresServer? postgres, Dictionary<string, string?>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "gov-serving-" + Guid.NewGuid().ToString("N")[..12]);
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
        var host = new ServingHost(new GovernanceDataOptions(provider, cs, Path.Combine(root, "artifacts")), sqlite, root, settings ?? []);
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        foreach (var hosted in host.Services.GetServices<IHostedService>())
        {
            await hosted.StartAsync(default);
        }
        return host;
    }

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    /// <summary>Registers the model with a policy and 200 synthetic training rows (the drift reference).</summary>
    public Task<DatasetVersion> SeedAsync(ReleasePolicy? policy = null) => InScopeAsync(async sp =>
    {
        await sp.GetRequiredService<ModelRegistry>().RegisterModelAsync(new ModelDraft(Model, "text-classification", "support", "tests", RiskTier.Limited,
            SensitiveAttributes: [SpamTriageRows.SenderCcTld, SpamTriageRows.NonAscii]), Actor.System, default);
        await sp.GetRequiredService<SetReleasePolicy>().RunAsync(Model, policy ?? ReleasePolicy.Default, Actor.System, default);
        return await sp.GetRequiredService<SnapshotTrainingData>().RunAsync(Model, SyntheticMail.Rows(200, 1, "train"), Actor.System, "synthetic", default);
    });

    public Task SetPolicyAsync(ReleasePolicy policy) => InScopeAsync(sp => sp.GetRequiredService<SetReleasePolicy>().RunAsync(Model, policy, Actor.System, default));

    /// <summary>A tiny randomly initialised classifier; different seeds give clearly different probabilities.</summary>
    public static ModelPackage TinyPackage(int seed)
    {
        var tokenizer = Tokenizer.TrainWordPiece(SyntheticMail.Rows(200, 1, "tok").Select(r => r.Text), new WordPieceTrainingOptions { VocabSize = 150 });
        var config = new EncoderConfig
        {
            VocabSize = tokenizer.VocabSize, HiddenSize = 16, NumLayers = 1, NumHeads = 2, IntermediateSize = 32, MaxPositions = 32,
            NumLabels = 2, PadTokenId = tokenizer.PadId ?? 0, InitializerRange = 0.5f,
        };
        return new ModelPackage(new SequenceClassifier(config, (ulong)seed), tokenizer, 32);
    }

    /// <summary>Registers <paramref name="package"/> as the next version (trained on <paramref name="dataset"/>) and moves it to Staging.</summary>
    public Task<ModelVersion> RegisterAsync(ModelPackage package, DatasetVersion dataset) => InScopeAsync(async sp =>
    {
        Directory.CreateDirectory(_root);
        var zip = package.ToZip(_root);
        var registry = sp.GetRequiredService<ModelRegistry>();
        var version = await registry.RegisterVersionWithArtifactAsync(Model, new VersionDraft(DatasetVersionId: dataset.Id, Seed: 1, Description: "hand-made"),
            new MemoryStream(zip), long.MaxValue, Actor.System, default);
        return await registry.ChangeStageAsync(Model, version.Number, ModelStage.Staging, "test", Actor.System, default);
    });

    /// <summary>Moves a staged version to production (the registry archives the previous one in the same transaction).</summary>
    public Task<ModelVersion> PromoteAsync(int number) => InScopeAsync(sp =>
        sp.GetRequiredService<ModelRegistry>().ChangeStageAsync(Model, number, ModelStage.Production, "test promotion", Actor.System, default));

    public async Task FlushLogAsync() => Assert.True(await Log.FlushAsync(TimeSpan.FromSeconds(30)), "The prediction log did not drain in 30 s.");

    public async ValueTask DisposeAsync()
    {
        foreach (var hosted in Services.GetServices<IHostedService>())
        {
            await hosted.StopAsync(default);
        }
        await Services.DisposeAsync();
        if (_options.Provider == DatabaseProvider.Postgres)
        {
            await using var connection = new Npgsql.NpgsqlConnection(_options.ConnectionString);
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
