namespace Governance.Web.Components.Pages.Jobs;

/// <summary>
/// One line of the schedules table: a model's job kind with its schedule in words and next fire times,
/// or without a schedule (<see cref="Cron"/> null) when the page is filtered to one model.
/// </summary>
public sealed record ScheduleRow(
    string Model, string Kind, string? Cron, string? Words, string? TimeZoneId, bool Enabled, IReadOnlyList<DateTimeOffset> NextFireTimes)
{
    /// <summary>The value the Run now button posts: <c>model|Kind</c>.</summary>
    public string RunValue => $"{Model}|{Kind}";
}
