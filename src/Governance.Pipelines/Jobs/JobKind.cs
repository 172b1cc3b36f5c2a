namespace Governance.Pipelines.Jobs;

/// <summary>The kinds of work the scheduler runs. Each kind has exactly one <see cref="IJobHandler"/>.</summary>
public enum JobKind
{
    /// <summary>Snapshot data, fine-tune, register a candidate, then evaluate, bias-check, gate and ask for approval.</summary>
    Retrain,
    /// <summary>Evaluate the candidate(s) of a model on a newly arrived labelled dataset version.</summary>
    Evaluate,
    /// <summary>Compare production's reference data with the newest data.</summary>
    DriftCheck,
    /// <summary>Close approval requests whose time is up.</summary>
    ExpireApprovals,
    /// <summary>Deliver pending webhook calls.</summary>
    DeliverWebhooks,
}
