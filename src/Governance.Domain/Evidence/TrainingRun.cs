namespace Governance.Domain.Evidence;

/// <summary>Where a training run stands.</summary>
public enum TrainingStatus
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// One fine-tuning run: its configuration, progress evidence (loss curve, checkpoint) and outcome.
/// Keyed by the scheduler's JobRun id, so a retried or recovered run finds its own row again.
/// </summary>
public sealed class TrainingRun
{
    private TrainingRun()
    {
    }

    public Guid Id { get; private set; }
    /// <summary>The scheduler's JobRun that does this training (unique: one training per run).</summary>
    public Guid JobRunId { get; private set; }
    public Guid ModelId { get; private set; }
    public Guid? DatasetVersionId { get; private set; }
    public Guid? ParentVersionId { get; private set; }
    /// <summary>JSON: method (full / lora), hyper-parameters, seed, encoder shape.</summary>
    public string Config { get; private set; } = "{}";
    public long Seed { get; private set; }
    public string Device { get; private set; } = "cpu";
    public TrainingStatus Status { get; private set; }
    /// <summary>JSON array of per-step losses.</summary>
    public string LossCurve { get; private set; } = "[]";
    public string? CheckpointHash { get; private set; }
    public string? ArtifactHash { get; private set; }
    public Guid? ModelVersionId { get; private set; }
    public string Error { get; private set; } = "";
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }

    public static TrainingRun Start(Guid jobRunId, Guid modelId, Guid? datasetVersionId, Guid? parentVersionId, string config, long seed, string device, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        JobRunId = jobRunId,
        ModelId = modelId,
        DatasetVersionId = datasetVersionId,
        ParentVersionId = parentVersionId,
        Config = config,
        Seed = seed,
        Device = device,
        Status = TrainingStatus.Running,
        StartedAt = now,
    };

    /// <summary>Records the finished training and the version it registered.</summary>
    public void Succeed(string lossCurve, string artifactHash, Guid modelVersionId, DateTimeOffset now)
    {
        LossCurve = lossCurve;
        ArtifactHash = artifactHash;
        ModelVersionId = modelVersionId;
        Status = TrainingStatus.Succeeded;
        FinishedAt = now;
        Error = "";
    }

    public void Fail(string error, DateTimeOffset now)
    {
        Status = TrainingStatus.Failed;
        Error = error.Length > 4000 ? error[..4000] : error;
        FinishedAt = now;
    }

    /// <summary>A retried attempt picks the run up again.</summary>
    public void Resume()
    {
        Status = TrainingStatus.Running;
        FinishedAt = null;
    }
}
