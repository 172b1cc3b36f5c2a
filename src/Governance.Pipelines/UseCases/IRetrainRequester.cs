namespace Governance.Pipelines.UseCases;

/// <summary>Starts a retrain of a model now (the scheduler side implements it; no two retrains of one model run at once).</summary>
public interface IRetrainRequester
{
    Task RequestRetrainAsync(string modelName, string reason, CancellationToken cancellationToken);
}
