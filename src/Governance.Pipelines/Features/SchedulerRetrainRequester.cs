using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Features;

/// <summary>
/// Starts a retrain through the scheduler (trigger Drift). A retrain that is already queued or running
/// for the model answers the request, so the scheduler's Conflict is not an error here.
/// Register with <c>services.AddScoped&lt;IRetrainRequester, SchedulerRetrainRequester&gt;()</c> where the scheduler is registered.
/// </summary>
public sealed class SchedulerRetrainRequester(JobRuns runs, IRunPlacement placement) : IRetrainRequester
{
    public async Task RequestRetrainAsync(string modelName, string reason, CancellationToken cancellationToken)
    {
        try
        {
            // Placed like a scheduled retrain: a GPU-marked model trains on a GPU worker.
            var place = await placement.PlaceAsync(JobKind.Retrain, modelName, cancellationToken);
            var parameters = new Dictionary<string, string>(place.Parameters) { ["reason"] = reason };
            await runs.StartAsync(JobKind.Retrain, modelName, JobRunTrigger.Drift, Actor.Job("drift-check"), parameters, place.RequiresGpu, cancellationToken);
        }
        catch (DomainException ex) when (ex.Kind == DomainErrorKind.Conflict)
        {
            // A retrain of this model is already under way; it will train on the newest data.
        }
    }
}
