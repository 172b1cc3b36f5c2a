namespace Governance.Pipelines.UseCases;

/// <summary>Starts a drift check of a model now (the scheduler side implements it; an active check answers the request).</summary>
public interface IDriftCheckRequester
{
    Task RequestDriftCheckAsync(string modelName, string reason, CancellationToken cancellationToken);
}
