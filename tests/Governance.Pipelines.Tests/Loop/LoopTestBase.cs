using Governance.Data;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Demo;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;
using Governance.TestSupport;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Loop;

/// <summary>Each test gets a fresh database of the subclass's provider and a seeded "mail-triage" model.</summary>
public abstract class LoopTestBase(DatabaseProvider provider, PostgresServer? postgres) : IAsyncLifetime
{
    protected const string Model = "mail-triage";
    private LoopHost? _host;

    protected LoopHost Host => _host ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>Command interceptors for the host's DbContexts (fault injection).</summary>
    protected virtual IInterceptor[] Interceptors => [];

    public async Task InitializeAsync() => _host = await LoopHost.CreateAsync(provider, postgres, Interceptors);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    protected async Task SeedAsync(ReleasePolicy? policy = null)
    {
        await Host.InScopeAsync(async sp =>
        {
            await sp.GetRequiredService<ModelRegistry>().RegisterModelAsync(new ModelDraft(Model, "text-classification", "support", "tests", RiskTier.Limited,
                SensitiveAttributes: [SpamTriageRows.SenderCcTld, SpamTriageRows.NonAscii]), Actor.System, default);
            await sp.GetRequiredService<SetReleasePolicy>().RunAsync(Model, policy ?? ReleasePolicy.Default, Actor.System, default);
            return await sp.GetRequiredService<SnapshotTrainingData>().RunAsync(Model, SyntheticMail.Rows(500, 1, "train"), Actor.System, "synthetic", default);
        });
    }

    protected async Task RetrainAsync(string initiator, Guid? runId = null, TrainingSpec? spec = null) =>
        await Host.RunHandlerAsync(JobKind.Retrain, LoopHost.Context(JobKind.Retrain, Model, initiator, runId,
            new Dictionary<string, string> { ["spec"] = (spec ?? SyntheticMail.TinySpec).ToJson() }));

    protected Task<IReadOnlyList<ModelVersion>> VersionsAsync() =>
        Host.InScopeAsync(sp => sp.GetRequiredService<ModelRegistry>().ListVersionsAsync(Model, default));

    protected Task<T> UseAsync<T>(Func<IServiceProvider, Task<T>> use) => Host.InScopeAsync(use);

    protected Task<GovernanceDbContext> Db(IServiceProvider sp) => Task.FromResult(sp.GetRequiredService<GovernanceDbContext>());
}
