using System.Globalization;
using Governance.Data.Audit;

namespace Governance.Web.Components.Pages.Audit;

/// <summary>
/// The audit page's filters exactly as they appear in the query string, so every view is a bookmarkable
/// URL. Times are UTC ("2026-11-21T20:30", the shape a datetime-local input posts); the subject is
/// "type" or "type:id" (e.g. "model:spam-filter"), or several types separated by commas; <see cref="Prefix"/>
/// is a subject id and everything under it ("spam-filter" and "spam-filter/3"), so
/// <c>subject=model,model-version&amp;prefix=spam-filter</c> is the timeline of a model and all its versions.
/// </summary>
public sealed record AuditFilter(string? From, string? To, string? Actor, string? Action, string? Subject)
{
    /// <summary>Subject id prefix (query string <c>prefix</c>).</summary>
    public string? Prefix { get; init; }

    /// <summary>The audit page's link to the timeline of a model and all its versions.</summary>
    public static string ModelTimelineLink(string modelName) =>
        $"audit?subject={Uri.EscapeDataString("model,model-version")}&prefix={Uri.EscapeDataString(modelName)}";

    private static readonly string[] TimeFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd"];

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(From) && string.IsNullOrWhiteSpace(To) && string.IsNullOrWhiteSpace(Actor)
        && string.IsNullOrWhiteSpace(Action) && string.IsNullOrWhiteSpace(Subject) && string.IsNullOrWhiteSpace(Prefix);

    /// <summary>Builds the data layer's query, or says which filter could not be read.</summary>
    public AuditQuery ToQuery(long? before, long? after, int pageSize, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var from = ParseTime(From, "From", errors);
        var to = ParseTime(To, "To", errors);
        if (from is not null && to is not null && to <= from)
        {
            errors.Add("'To' must be later than 'From'.");
        }
        var (subjectType, subjectId) = SplitSubject(Subject);
        IReadOnlyList<string>? subjectTypes = null;
        if (subjectType is not null && subjectId is null && subjectType.Contains(',', StringComparison.Ordinal))
        {
            subjectTypes = subjectType.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            subjectType = null;
        }
        problems = errors;
        return new AuditQuery
        {
            From = from,
            To = to,
            Actor = Clean(Actor),
            Action = Clean(Action),
            SubjectType = subjectType,
            SubjectId = subjectId,
            SubjectTypes = subjectTypes,
            SubjectPrefix = Clean(Prefix),
            Before = before,
            After = after,
            PageSize = pageSize,
        };
    }

    /// <summary>The filters as query-string pairs (without paging), for links that keep them.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Pairs()
    {
        if (Clean(From) is { } f) yield return new("from", f);
        if (Clean(To) is { } t) yield return new("to", t);
        if (Clean(Actor) is { } a) yield return new("actor", a);
        if (Clean(Action) is { } ac) yield return new("action", ac);
        if (Clean(Subject) is { } s) yield return new("subject", s);
        if (Clean(Prefix) is { } p) yield return new("prefix", p);
    }

    /// <summary>"path?filters&amp;extra", with every value escaped.</summary>
    public string Link(string path, params (string Key, string Value)[] extra)
    {
        var parts = Pairs().Select(p => (p.Key, p.Value!)).Concat(extra)
            .Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")
            .ToList();
        return parts.Count == 0 ? path : path + "?" + string.Join("&", parts);
    }

    /// <summary>
    /// The API's export of the whole filtered set (GET /api/v1/audit/export), which takes the parsed
    /// filters: ISO-8601 UTC times and the subject split into type and id.
    /// </summary>
    public static string ExportLink(AuditQuery query, string format)
    {
        ArgumentNullException.ThrowIfNull(query);
        var pairs = new List<(string Key, string? Value)>
        {
            ("format", format),
            ("from", query.From?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)),
            ("to", query.To?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)),
            ("actor", query.Actor),
            ("action", query.Action),
            ("subjectType", query.SubjectType),
            ("subjectId", query.SubjectId),
            ("subjectTypes", query.SubjectTypes is { Count: > 0 } types ? string.Join(",", types) : null),
            ("subjectPrefix", query.SubjectPrefix),
        };
        return "api/v1/audit/export?" + string.Join("&", pairs
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
    }

    /// <summary>Reads a sequence cursor from the URL; null when absent, a problem when not a positive number.</summary>
    public static long? ParseCursor(string? text, string name, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
        {
            return value;
        }
        problem = $"'{name}' must be an event sequence number (a positive whole number), not '{text}'.";
        return null;
    }

    internal static (string? Type, string? Id) SplitSubject(string? subject)
    {
        var s = Clean(subject);
        if (s is null)
        {
            return (null, null);
        }
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (s, null) : (Clean(s[..colon]), Clean(s[(colon + 1)..]));
    }

    private static DateTimeOffset? ParseTime(string? text, string what, List<string> errors)
    {
        var s = Clean(text);
        if (s is null)
        {
            return null;
        }
        const DateTimeStyles utc = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        if (DateTimeOffset.TryParseExact(s, TimeFormats, CultureInfo.InvariantCulture, utc, out var exact)
            || DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, utc, out exact))
        {
            return exact;
        }
        errors.Add($"'{what}' is not a time: '{s}'. Use UTC as yyyy-MM-ddTHH:mm, e.g. 2026-11-21T09:30.");
        return null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
