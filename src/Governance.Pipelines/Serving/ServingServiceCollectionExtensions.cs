using Governance.Pipelines.UseCases;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Governance.Pipelines.Serving;

public static class ServingServiceCollectionExtensions
{
    /// <summary>
    /// Registers serving: <see cref="Predictor"/>, the loaded <see cref="ProductionModels"/>, the prediction log
    /// and its background writer (a hosted service), feedback, and the prediction log as the loop's
    /// <see cref="IFeedbackSource"/> and drift data. Reads section "Serving" into <see cref="ServingOptions"/>
    /// (validated). Call after AddGovernanceLoop.
    /// </summary>
    public static IServiceCollection AddGovernanceServing(this IServiceCollection services, IConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new ServingOptions();
        config.GetSection("Serving").Bind(options);
        options.Validate();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProductionModels>();
        services.AddSingleton<PredictionLog>();
        services.AddSingleton<Predictor>();
        services.AddSingleton<PredictionLogWriter>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<PredictionLogWriter>());
        services.AddScoped<PredictionFeedback>();
        services.RemoveAll<IFeedbackSource>();
        services.AddScoped<IFeedbackSource, PredictionLogFeedback>();
        services.AddScoped<IDriftCurrentData, PredictionLogDriftData>();
        return services;
    }
}
