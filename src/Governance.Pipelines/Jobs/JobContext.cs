using Governance.Domain.Access;

namespace Governance.Pipelines.Jobs;

/// <summary>What a handler knows about the run it is doing, and how it reports back.</summary>
public sealed class JobContext(
    Guid runId,
    JobKind kind,
    string? modelName,
    Actor actor,
    string initiator,
    int attempt,
    IReadOnlyDictionary<string, string> parameters,
    IJobProgress progress)
{
    public Guid RunId { get; } = runId;
    public JobKind Kind { get; } = kind;
    /// <summary>The model the run is for; null for housekeeping jobs.</summary>
    public string? ModelName { get; } = modelName;
    /// <summary>Recorded on audit events the run writes ("job:retrain").</summary>
    public Actor Actor { get; } = actor;
    /// <summary>The user who started the run (or "scheduler"); four-eyes rules keep them out of its approval.</summary>
    public string Initiator { get; } = initiator;
    /// <summary>1 for the first try; higher after a retry or a recovery on another node.</summary>
    public int Attempt { get; } = attempt;
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;
    public IJobProgress Progress { get; } = progress;
}

/// <summary>Progress and log lines of a run, persisted so the portal can show them while it runs.</summary>
public interface IJobProgress
{
    /// <summary>Fraction done in [0, 1] with a short status line ("epoch 2/3, loss 0.31").</summary>
    Task ReportAsync(double fraction, string status, CancellationToken cancellationToken);

    Task LogAsync(string message, CancellationToken cancellationToken);
}
