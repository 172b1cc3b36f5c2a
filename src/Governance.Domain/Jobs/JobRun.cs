namespace Governance.Domain.Jobs;

/// <summary>
/// One run of a job (retrain, evaluate, drift check, ...): its status, progress, attempts, the node
/// running it and the error it failed with. <see cref="Kind"/> is the name of the pipelines' JobKind
/// (the domain does not know the enum). Status changes follow <see cref="JobRunTransitions"/>.
/// </summary>
public sealed class JobRun
{
    public const int MaxStatusLineLength = 500;
    public const int MaxErrorLength = 8000;

    private JobRun()
    {
    }

    public Guid Id { get; private set; }
    public string Kind { get; private set; } = "";
    /// <summary>The model the run is for; null for housekeeping jobs.</summary>
    public string? ModelName { get; private set; }
    public JobRunTrigger Trigger { get; private set; }
    public JobRunStatus Status { get; private set; }
    /// <summary>Fraction done, in [0, 1].</summary>
    public double Progress { get; private set; }
    public string StatusLine { get; private set; } = "";
    /// <summary>How many times execution started (1 on the first try; recoveries and retries add one).</summary>
    public int Attempts { get; private set; }
    public int MaxAttempts { get; private set; }
    public string? NodeName { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The user who asked for the run, or "scheduler".</summary>
    public string Initiator { get; private set; } = "";
    public bool RequiresGpu { get; private set; }
    /// <summary>A JSON object of string values (the handler's parameters).</summary>
    public string Parameters { get; private set; } = "{}";
    /// <summary>The run this one retries, when <see cref="Trigger"/> is Retry.</summary>
    public Guid? RetryOfRunId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    public DateTimeOffset? CancelRequestedAt { get; private set; }
    public string? CancelRequestedBy { get; private set; }
    /// <summary>When a Queued run waits for its next try after a transient failure.</summary>
    public DateTimeOffset? NextRetryAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public bool IsFinal => JobRunTransitions.IsFinal(Status);

    /// <summary>A new Queued run.</summary>
    public static JobRun Queue(string kind, string? modelName, JobRunTrigger trigger, string initiator, string parameters,
        bool requiresGpu, int maxAttempts, DateTimeOffset now, Guid? retryOf = null)
    {
        if (string.IsNullOrWhiteSpace(kind))
        {
            throw DomainException.Invalid("A run needs a job kind.");
        }
        if (string.IsNullOrWhiteSpace(initiator))
        {
            throw DomainException.Invalid("A run needs the name of whoever started it.");
        }
        if (maxAttempts is < 1 or > 100)
        {
            throw DomainException.Invalid($"Max attempts must be between 1 and 100; got {maxAttempts}.");
        }
        return new JobRun
        {
            Id = Guid.CreateVersion7(now),
            Kind = kind,
            ModelName = modelName,
            Trigger = trigger,
            Status = JobRunStatus.Queued,
            StatusLine = requiresGpu ? "queued; waiting for a GPU worker" : "queued",
            Initiator = initiator,
            RequiresGpu = requiresGpu,
            Parameters = string.IsNullOrWhiteSpace(parameters) ? "{}" : parameters,
            MaxAttempts = maxAttempts,
            RetryOfRunId = retryOf,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>A node starts (or, after its node died, recovers) the run: one more attempt.</summary>
    public void Start(string nodeName, DateTimeOffset now)
    {
        Move(JobRunStatus.Running, now);
        Attempts++;
        NodeName = nodeName;
        StartedAt ??= now;
        NextRetryAt = null;
        StatusLine = Attempts == 1 ? $"running on {nodeName}" : $"running on {nodeName} (attempt {Attempts})";
    }

    public void ReportProgress(double fraction, string statusLine, DateTimeOffset now)
    {
        if (double.IsNaN(fraction) || fraction < 0 || fraction > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Progress is a fraction in [0, 1].");
        }
        Progress = fraction;
        SetStatusLine(statusLine);
        UpdatedAt = now;
    }

    public void SetStatusLine(string statusLine)
    {
        statusLine ??= "";
        StatusLine = statusLine.Length > MaxStatusLineLength ? statusLine[..MaxStatusLineLength] : statusLine;
    }

    public void Succeed(DateTimeOffset now)
    {
        Move(JobRunStatus.Succeeded, now);
        Progress = 1;
        FinishedAt = now;
        SetStatusLine("succeeded");
    }

    public void Fail(string error, DateTimeOffset now)
    {
        Move(JobRunStatus.Failed, now);
        Error = Truncate(error);
        FinishedAt = now;
        NextRetryAt = null;
        SetStatusLine(Attempts > 1 ? $"failed after {Attempts} attempts" : "failed");
    }

    /// <summary>A transient failure: back to Queued until <paramref name="retryAt"/>.</summary>
    public void ScheduleRetry(string error, DateTimeOffset retryAt, DateTimeOffset now)
    {
        Move(JobRunStatus.Queued, now);
        Error = Truncate(error);
        NextRetryAt = retryAt;
        SetStatusLine($"attempt {Attempts} of {MaxAttempts} failed; retrying at {retryAt:yyyy-MM-dd HH:mm:ss}Z");
    }

    /// <summary>The node stopped while running it; another node (or this one after restart) continues.</summary>
    public void Requeue(string reason, DateTimeOffset now)
    {
        Move(JobRunStatus.Queued, now);
        SetStatusLine(reason);
    }

    /// <summary>No GPU worker took the queued run in time and its parameters allow the CPU: it runs on a CPU worker.</summary>
    public void FallBackToCpu(string reason, DateTimeOffset now)
    {
        if (Status != JobRunStatus.Queued || !RequiresGpu)
        {
            throw DomainException.Conflict($"Run {Id} is {Status}{(RequiresGpu ? "" : " on the CPU")}; only a queued GPU run can fall back to the CPU.");
        }
        RequiresGpu = false;
        UpdatedAt = now;
        SetStatusLine(reason);
    }

    /// <summary>Asks a running run to stop at its next check; cancels a queued run at once.</summary>
    public void RequestCancel(string actor, DateTimeOffset now)
    {
        if (IsFinal)
        {
            throw DomainException.Conflict($"Run {Id} is already {Status}.");
        }
        CancelRequestedAt ??= now;
        CancelRequestedBy ??= actor;
        UpdatedAt = now;
        if (Status == JobRunStatus.Queued)
        {
            Cancel(now);
        }
        else
        {
            SetStatusLine($"cancellation requested by {actor}");
        }
    }

    public void Cancel(DateTimeOffset now)
    {
        Move(JobRunStatus.Cancelled, now);
        FinishedAt = now;
        NextRetryAt = null;
        SetStatusLine(CancelRequestedBy is null ? "cancelled" : $"cancelled by {CancelRequestedBy}");
    }

    private void Move(JobRunStatus to, DateTimeOffset now)
    {
        JobRunTransitions.Require(Id, Status, to);
        Status = to;
        UpdatedAt = now;
    }

    private static string Truncate(string error)
    {
        error ??= "";
        return error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
    }
}
