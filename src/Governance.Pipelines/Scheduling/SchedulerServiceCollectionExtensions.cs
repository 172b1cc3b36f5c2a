using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Governance.Pipelines.Scheduling;

/// <summary>Registers the scheduler. Needs the data layer (<c>AddGovernanceData</c>) and the job handlers (IJobHandler, scoped).</summary>
public static class SchedulerServiceCollectionExtensions
{
    /// <summary>Reads <c>Node:Roles</c>, <c>Node:Name</c> and the <c>Scheduler</c> section (see <see cref="SchedulerOptions"/>).</summary>
    public static IServiceCollection AddGovernanceScheduler(this IServiceCollection services, IConfiguration configuration) =>
        services.AddGovernanceScheduler(SchedulerOptions.From(configuration));

    /// <summary>Registers the scheduler with options already made (tests, tools).</summary>
    public static IServiceCollection AddGovernanceScheduler(this IServiceCollection services, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<QuartzSchedulers>();
        services.AddSingleton<JobDispatcher>();
        services.AddScoped<JobRunRecorder>();
        services.AddScoped<JobRuns>();
        services.AddScoped<Schedules>();
        services.AddScoped<RunWatcher>();
        services.AddScoped<Housekeeping>();
        // The loop's AddGovernanceLoop registers the policy-based placement (whichever order the two are added in).
        services.TryAddScoped<IRunPlacement, CpuRunPlacement>();
        services.AddSingleton<SchedulerHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<SchedulerHostedService>());
        return services;
    }
}
