using Governance.Domain;
using Quartz;

namespace Governance.Pipelines.Scheduling;

/// <summary>Validates cron expressions and time zones with clear errors and computes fire times (no clock of its own).</summary>
public static class CronSchedule
{
    /// <summary>Parses a Quartz cron expression (seconds minutes hours day-of-month month day-of-week [year]).</summary>
    public static CronExpression Parse(string cron, TimeZoneInfo zone)
    {
        if (string.IsNullOrWhiteSpace(cron))
        {
            throw DomainException.Invalid("A schedule needs a cron expression, e.g. '0 0 3 1 * ?' (03:00 on the 1st of every month).");
        }
        var fields = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is < 6 or > 7)
        {
            throw DomainException.Invalid(
                $"Cron expression '{cron}' has {fields.Length} fields; Quartz needs 6 or 7: seconds minutes hours day-of-month month day-of-week [year], e.g. '0 0 3 1 * ?'.");
        }
        try
        {
            return new CronExpression(string.Join(" ", fields), zone);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw DomainException.Invalid($"Cron expression '{cron}' is not valid: {ex.Message}");
        }
    }

    /// <summary>Finds a time zone by IANA or Windows id.</summary>
    public static TimeZoneInfo Zone(string timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(timeZoneId))
        {
            throw DomainException.Invalid("A schedule needs a time zone id, e.g. 'UTC' or 'Europe/Berlin'.");
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw DomainException.Invalid($"Time zone '{timeZoneId}' is unknown; use an IANA id such as 'UTC' or 'Europe/Berlin'.");
        }
    }

    /// <summary>The next <paramref name="count"/> fire times strictly after <paramref name="after"/>, in the expression's time zone.</summary>
    public static IReadOnlyList<DateTimeOffset> NextFireTimes(CronExpression cron, DateTimeOffset after, int count)
    {
        ArgumentNullException.ThrowIfNull(cron);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 0);
        var times = new List<DateTimeOffset>(count);
        var t = after;
        while (times.Count < count && cron.GetNextValidTimeAfter(t) is { } next)
        {
            times.Add(TimeZoneInfo.ConvertTime(next, cron.TimeZone));
            t = next;
        }
        return times;
    }
}
