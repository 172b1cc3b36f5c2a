using System.Globalization;

namespace Governance.Learning.Corpora;

/// <summary>Parses RFC 822 / 2822 dates as found in real mail ("Thu, 22 Aug 2002 12:36:23 +0100 (IST)", "22 Aug 02 7:36 EDT").</summary>
internal static class MailDate
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    private static readonly Dictionary<string, int> ZoneHours = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UT"] = 0, ["UTC"] = 0, ["GMT"] = 0, ["Z"] = 0,
        ["EST"] = -5, ["EDT"] = -4, ["CST"] = -6, ["CDT"] = -5,
        ["MST"] = -7, ["MDT"] = -6, ["PST"] = -8, ["PDT"] = -7,
    };

    public static DateTimeOffset? TryParse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        string s = StripComments(raw).Replace(',', ' ');
        var parts = s.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        // Drop a leading day name.
        if (parts.Count > 0 && parts[0].Length >= 3 && char.IsLetter(parts[0][0]))
            parts.RemoveAt(0);
        if (parts.Count < 4)
            return null;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int day))
            return null;
        int month = Array.IndexOf(Months, parts[1].Length >= 3 ? parts[1][..3].ToLowerInvariant() : "");
        if (month < 0 || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int year))
            return null;
        // RFC 2822 4.3: two-digit years below 50 are 20xx, other two- and three-digit years add 1900.
        if (year < 50)
            year += 2000;
        else if (year < 1000)
            year += 1900;
        var time = parts[3].Split(':');
        if (time.Length < 2 || !int.TryParse(time[0], CultureInfo.InvariantCulture, out int h)
            || !int.TryParse(time[1], CultureInfo.InvariantCulture, out int m))
            return null;
        int sec = time.Length > 2 && int.TryParse(time[2], CultureInfo.InvariantCulture, out int sv) ? sv : 0;
        var offset = parts.Count > 4 ? ParseZone(parts[4]) : TimeSpan.Zero;
        try
        {
            return new DateTimeOffset(year, month + 1, day, h, m, Math.Min(sec, 59), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static TimeSpan ParseZone(string zone)
    {
        if (zone.Length == 5 && zone[0] is '+' or '-' && int.TryParse(zone.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int hhmm))
        {
            var span = new TimeSpan(hhmm / 100, hhmm % 100, 0);
            return span <= TimeSpan.FromHours(14) ? (zone[0] == '-' ? -span : span) : TimeSpan.Zero;
        }
        return ZoneHours.TryGetValue(zone, out int hours) ? TimeSpan.FromHours(hours) : TimeSpan.Zero;
    }

    private static string StripComments(string s)
    {
        var chars = new List<char>(s.Length);
        int depth = 0;
        foreach (char c in s)
        {
            if (c == '(') depth++;
            else if (c == ')' && depth > 0) depth--;
            else if (depth == 0) chars.Add(c);
        }
        return new string([.. chars]);
    }
}
