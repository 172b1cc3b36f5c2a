using System.Globalization;

namespace Governance.Pipelines.Scheduling;

/// <summary>
/// Puts the common shapes of a Quartz cron expression (sec min hour day-of-month month day-of-week
/// [year]) into words: every day at 03:00, on day 1 of every month at 03:00, every N minutes,
/// on weekdays at 06:30, every Monday at 03:00, every N hours. Anything else is shown as the expression.
/// </summary>
public static class CronDescriber
{
    private static readonly Dictionary<string, string> DayNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["MON"] = "Monday", ["TUE"] = "Tuesday", ["WED"] = "Wednesday", ["THU"] = "Thursday",
        ["FRI"] = "Friday", ["SAT"] = "Saturday", ["SUN"] = "Sunday",
        ["1"] = "Sunday", ["2"] = "Monday", ["3"] = "Tuesday", ["4"] = "Wednesday", ["5"] = "Thursday", ["6"] = "Friday", ["7"] = "Saturday",
    };

    public static string Describe(string cron)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length is < 6 or > 7 || (f.Length == 7 && f[6] != "*"))
        {
            return $"cron '{cron}'";
        }
        var (sec, min, hour, dom, month, dow) = (f[0], f[1], f[2], f[3], f[4], f[5]);
        var anyDom = dom is "*" or "?";
        var anyDow = dow is "*" or "?";
        if (sec != "0" || month != "*")
        {
            return $"cron '{cron}'";
        }

        // every N minutes / every N hours
        if (hour == "*" && anyDom && anyDow && Step(min) is { } everyMinutes)
        {
            return everyMinutes == 1 ? "every minute" : $"every {everyMinutes} minutes";
        }
        if (hour == "*" && anyDom && anyDow && Number(min, 59) is { } minuteOfHour)
        {
            return minuteOfHour == 0 ? "every hour" : $"every hour at minute {minuteOfHour}";
        }
        if (Number(min, 59) is { } m && Step(hour) is { } everyHours && anyDom && anyDow)
        {
            return $"every {everyHours} hours at minute {m}";
        }

        if (Number(min, 59) is not { } minute || Number(hour, 23) is not { } h)
        {
            return $"cron '{cron}'";
        }
        var at = string.Create(CultureInfo.InvariantCulture, $"{h:00}:{minute:00}");
        if (anyDom && anyDow)
        {
            return $"every day at {at}";
        }
        if (anyDow && Number(dom, 31) is { } day)
        {
            return $"on day {day} of every month at {at}";
        }
        if (anyDow && dom.Equals("L", StringComparison.OrdinalIgnoreCase))
        {
            return $"on the last day of every month at {at}";
        }
        if (anyDom)
        {
            if (dow.Equals("MON-FRI", StringComparison.OrdinalIgnoreCase) || dow == "2-6")
            {
                return $"on weekdays at {at}";
            }
            if (dow.Equals("SAT,SUN", StringComparison.OrdinalIgnoreCase) || dow.Equals("SUN,SAT", StringComparison.OrdinalIgnoreCase) || dow is "1,7" or "7,1")
            {
                return $"on weekends at {at}";
            }
            var days = dow.Split(',');
            if (days.All(d => DayNames.ContainsKey(d)))
            {
                var names = days.Select(d => DayNames[d]).ToList();
                return names.Count == 1
                    ? $"every {names[0]} at {at}"
                    : $"every {string.Join(", ", names.Take(names.Count - 1))} and {names[^1]} at {at}";
            }
        }
        return $"cron '{cron}'";
    }

    private static int? Number(string field, int max) =>
        int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0 && n <= max ? n : null;

    // "0/15" or "*/15" -> 15
    private static int? Step(string field)
    {
        var parts = field.Split('/');
        if (parts.Length != 2 || parts[0] is not ("0" or "*"))
        {
            return field == "*" ? 1 : null;
        }
        return int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;
    }
}
