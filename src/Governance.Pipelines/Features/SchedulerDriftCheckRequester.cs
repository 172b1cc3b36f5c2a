using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Features;

/// <summary>
/// Starts a drift check through the scheduler (trigger Promotion). A check already queued or running
/// for the model answers the request. Register with
/// <c>services.AddScoped&lt;IDriftCheckRequester, SchedulerDriftCheckRequester&gt;()</c> where the scheduler is registered.
/// </summary>
public sealed class SchedulerDriftCheckRequester(JobRuns runs) : IDriftCheckRequester
{
    public async Task RequestDriftCheckAsync(string modelName, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await runs.StartAsync(JobKind.DriftCheck, modelName, JobRunTrigger.Promotion, Actor.Job("promotion"),
                new Dictionary<string, string> { ["reason"] = reason }, ct: cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind == DomainErrorKind.Conflict)
        {
            // A drift check of this model is already under way; it reads the new production version.
        }
    }
}
