using System.Globalization;
using Governance.Domain.Jobs;

namespace Governance.Web.Components.Pages.Jobs;

/// <summary>
/// URLs of the jobs pages and the evidence pages a run links to. Run cursors are UTC ticks, so a
/// keyset link never carries a '+' or ':' that a hand-copied URL could mangle.
/// </summary>
public static class JobsLinks
{
    public static string Run(Guid id) => $"jobs/runs/{id}";

    public static string Jobs(string? model = null, string? kind = null, string? status = null, DateTimeOffset? before = null, string? edit = null)
    {
        var parts = new List<string>();
        Add(parts, "model", model);
        Add(parts, "edit", edit);
        Add(parts, "kind", kind);
        Add(parts, "status", status);
        Add(parts, "before", before?.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "jobs" : "jobs?" + string.Join("&", parts);
    }

    public static string Model(string name) => $"models/{Uri.EscapeDataString(name)}";

    public static string Version(string name, int number) => $"{Model(name)}#v{number}";

    public static string Compare(string name, int number) => $"{Model(name)}/versions/{number}/compare";

    public static string Bias(string name, int number) => $"{Model(name)}/versions/{number}/bias";

    public static string Card(string name, int number) => $"{Model(name)}/versions/{number}/card";

    public static string Drift(string name, Guid? report = null) => report is { } id ? $"{Model(name)}/drift?report={id}" : $"{Model(name)}/drift";

    /// <summary>The audit explorer on a model and its versions, or on one version (<c>prefix=name/n</c>).</summary>
    public static string Audit(string name, int? number = null) =>
        number is { } n ? $"audit?prefix={Uri.EscapeDataString(name)}/{n}" : $"audit?prefix={Uri.EscapeDataString(name)}";

    /// <summary>Parses a cursor written by <see cref="Jobs"/>; null when absent, an error text when malformed.</summary>
    public static (DateTimeOffset? Before, string? Error) ParseCursor(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (null, null);
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks > 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? (new DateTimeOffset(ticks, TimeSpan.Zero), null)
            : (null, $"The page cursor 'before' must be a positive number of ticks, not '{text}'.");
    }

    public static bool IsActive(JobRunStatus status) => status is JobRunStatus.Queued or JobRunStatus.Running;

    public static string StatusCss(JobRunStatus status) => status switch
    {
        JobRunStatus.Queued => "text-bg-secondary",
        JobRunStatus.Running => "text-bg-primary",
        JobRunStatus.Succeeded => "text-bg-success",
        JobRunStatus.Failed => "text-bg-danger",
        _ => "text-bg-warning",
    };

    private static void Add(List<string> parts, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add($"{key}={Uri.EscapeDataString(value)}");
        }
    }
}
