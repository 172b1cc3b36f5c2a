namespace Governance.Domain.Jobs;

/// <summary>
/// When a job runs for a model: a Quartz cron expression (seconds first) read in a time zone.
/// <see cref="Kind"/> is the pipelines' JobKind name. One schedule per model and kind.
/// </summary>
public sealed class ModelSchedule
{
    private ModelSchedule()
    {
    }

    public Guid Id { get; private set; }
    public string ModelName { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string Cron { get; private set; } = "";
    /// <summary>IANA (or Windows) time zone id, e.g. "Europe/Berlin" or "UTC".</summary>
    public string TimeZoneId { get; private set; } = "UTC";
    public bool Enabled { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>A new schedule; the caller has validated the cron expression and the time zone.</summary>
    public static ModelSchedule Create(string modelName, string kind, string cron, string timeZoneId, bool enabled, string actor, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            ModelName = modelName,
            Kind = kind,
            Cron = cron,
            TimeZoneId = timeZoneId,
            Enabled = enabled,
            UpdatedBy = actor,
            UpdatedAt = now,
        };

    /// <summary>Changes the schedule; returns false when nothing changed.</summary>
    public bool Change(string cron, string timeZoneId, bool enabled, string actor, DateTimeOffset now)
    {
        if (cron == Cron && timeZoneId == TimeZoneId && enabled == Enabled)
        {
            return false;
        }
        Cron = cron;
        TimeZoneId = timeZoneId;
        Enabled = enabled;
        UpdatedBy = actor;
        UpdatedAt = now;
        return true;
    }
}
