using Governance.Data;
using Governance.Pipelines.Features;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.UseCases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Pipelines.Tests.Loop;

public sealed class LoopWiringTests
{
    [Fact]
    public async Task With_the_scheduler_every_job_kind_has_one_handler_and_drift_retrains_through_job_runs()
    {
        var folder = Path.Combine(Path.GetTempPath(), "gov-wiring-" + Guid.NewGuid().ToString("N")[..8]);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGovernanceData(new GovernanceDataOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "g.db")}", Path.Combine(folder, "artifacts")));
        services.AddGovernanceScheduler(config);
        services.AddGovernanceLoop(config);
        services.AddScoped<IRetrainRequester, SchedulerRetrainRequester>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await using var scope = provider.CreateAsyncScope();

        var kinds = scope.ServiceProvider.GetServices<IJobHandler>().Select(h => h.Kind).Order().ToList();

        Assert.Equal(Enum.GetValues<JobKind>().Order().ToList(), kinds);
        Assert.IsType<SchedulerRetrainRequester>(scope.ServiceProvider.GetRequiredService<IRetrainRequester>());
        Assert.IsType<PolicyRunPlacement>(scope.ServiceProvider.GetRequiredService<IRunPlacement>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<DriftCheck>());
        Assert.NotNull(scope.ServiceProvider.GetRequiredService<Demo.DemoSeeder>());
        Assert.Equal(TrainingSpec.Demo, scope.ServiceProvider.GetRequiredService<LoopOptions>().DefaultTraining);
    }

    [Fact]
    public void Loop_options_bind_from_configuration_including_the_default_training()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Loop:BootstrapResamples"] = "500",
            ["Loop:DefaultTraining:Epochs"] = "1",
            ["Loop:DefaultTraining:Method"] = "Lora",
        }).Build();
        var services = new ServiceCollection();
        services.AddGovernanceLoop(config);
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<LoopOptions>();
        Assert.Equal(500, options.BootstrapResamples);
        Assert.Equal(1, options.DefaultTraining.Epochs);
        Assert.Equal(TrainingMethod.Lora, options.DefaultTraining.Method);
        Assert.Equal(TrainingSpec.Demo.HiddenSize, options.DefaultTraining.HiddenSize);
        Assert.Equal(2, TrainingSpec.Demo.Epochs); // binding must not change the shared demo spec
    }
}
