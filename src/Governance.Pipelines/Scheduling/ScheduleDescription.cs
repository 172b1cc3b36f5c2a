namespace Governance.Pipelines.Scheduling;

/// <summary>A schedule in words with its next fire times, given in the schedule's time zone.</summary>
public sealed record ScheduleDescription(
    string ModelName,
    string Kind,
    string Cron,
    string TimeZoneId,
    bool Enabled,
    string Words,
    IReadOnlyList<DateTimeOffset> NextFireTimes);
