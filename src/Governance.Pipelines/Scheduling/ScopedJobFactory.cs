using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Quartz.Extensibility;

namespace Governance.Pipelines.Scheduling;

/// <summary>Builds each fired Quartz job in its own DI scope (so handlers get a fresh DbContext) and disposes the scope after.</summary>
internal sealed class ScopedJobFactory(IServiceScopeFactory scopes) : IJobFactory
{
    public ValueTask<JobScope> CreateJob(TriggerFiredBundle bundle, IScheduler scheduler, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        try
        {
            var job = (IJob)ActivatorUtilities.CreateInstance(scope.ServiceProvider, bundle.JobDetail.JobType.Type);
            return ValueTask.FromResult(new JobScope(job, scope));
        }
        catch
        {
            scope.Dispose();
            throw;
        }
    }

    public async ValueTask ReturnJob(JobScope scope, CancellationToken cancellationToken)
    {
        if (scope.State is AsyncServiceScope s)
        {
            await s.DisposeAsync();
        }
    }
}
