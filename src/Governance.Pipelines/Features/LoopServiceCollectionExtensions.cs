using Governance.Pipelines.Demo;
using Governance.Pipelines.Handlers;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.UseCases;
using Governance.Pipelines.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Pipelines.Features;

public static class LoopServiceCollectionExtensions
{
    /// <summary>
    /// Registers the loop's use cases, the five <see cref="IJobHandler"/>s, webhooks and the demo seeder
    /// (scoped, like the DbContext). Reads section "Loop" into <see cref="LoopOptions"/>. Needs
    /// AddGovernanceData first; an <see cref="IRetrainRequester"/> is optional (without one, drift asks for a retrain).
    /// </summary>
    public static IServiceCollection AddGovernanceLoop(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new LoopOptions();
        config.GetSection("Loop").Bind(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddScoped<IFeedbackSource, NoFeedback>();
        services.AddHttpClient(WebhookDispatcher.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddScoped<LoopStore>();
        services.AddScoped<SnapshotTrainingData>();
        services.AddScoped<FineTune>();
        services.AddScoped<EvaluateCandidate>();
        services.AddScoped<BiasReport>();
        services.AddScoped<DriftCheck>(sp => new DriftCheck(sp.GetRequiredService<Data.GovernanceDbContext>(), sp.GetRequiredService<Data.Audit.AuditTrail>(),
            sp.GetRequiredService<LoopStore>(), sp.GetService<IRetrainRequester>(), sp.GetRequiredService<TimeProvider>()));
        services.AddScoped<ApplyGates>();
        services.AddScoped<OpenApproval>();
        services.AddScoped<Decide>();
        services.AddScoped<Rollback>();
        services.AddScoped<ExpireApprovals>();
        services.AddScoped<ReconcileApprovals>();
        services.AddScoped<Scheduling.IRunPlacement, PolicyRunPlacement>();
        services.AddScoped<SetReleasePolicy>();
        services.AddScoped<RetrainPipeline>();
        services.AddScoped<WebhookDispatcher>();
        services.AddScoped<WebhookSubscriptions>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<IJobHandler, RetrainHandler>();
        services.AddScoped<IJobHandler, EvaluateHandler>();
        services.AddScoped<IJobHandler, DriftCheckHandler>();
        services.AddScoped<IJobHandler, ExpireApprovalsHandler>();
        services.AddScoped<IJobHandler, DeliverWebhooksHandler>();
        return services;
    }
}
