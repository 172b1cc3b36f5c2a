namespace Governance.Domain.Jobs;

/// <summary>Where a run is in its life. Succeeded, Failed and Cancelled are final.</summary>
public enum JobRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>Why a run was started.</summary>
public enum JobRunTrigger
{
    /// <summary>A model's cron schedule fired.</summary>
    Schedule,
    /// <summary>A person (or an API token) asked for it now.</summary>
    Manual,
    /// <summary>A drift check breached the model's thresholds.</summary>
    Drift,
    /// <summary>A new labelled dataset version arrived.</summary>
    NewData,
    /// <summary>A person retried a failed or cancelled run.</summary>
    Retry,
    /// <summary>A version was promoted: a drift check against its reference data.</summary>
    Promotion,
}
