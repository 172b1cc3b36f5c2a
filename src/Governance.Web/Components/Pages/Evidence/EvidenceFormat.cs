using System.Globalization;

namespace Governance.Web.Components.Pages.Evidence;

/// <summary>How the evidence pages write numbers: invariant culture, three decimals, an em dash for missing.</summary>
internal static class EvidenceFormat
{
    public static string N(double? value, string format = "0.000") =>
        value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : value is { } inf ? inf.ToString(CultureInfo.InvariantCulture) : "—";

    /// <summary>A signed difference, e.g. +0.012 or −0.030.</summary>
    public static string Delta(double? value) => value is { } v && double.IsFinite(v)
        ? (v > 0 ? "+" : v < 0 ? "−" : "±") + Math.Abs(v).ToString("0.000", CultureInfo.InvariantCulture)
        : "—";

    public static string Interval(double lower, double upper) =>
        $"[{lower.ToString("0.000", CultureInfo.InvariantCulture)}, {upper.ToString("0.000", CultureInfo.InvariantCulture)}]";

    public static string Percent(double? value) => value is { } v && double.IsFinite(v) ? v.ToString("0.#%", CultureInfo.InvariantCulture) : "—";

    /// <summary>Class names of the loop's binary task (labels 0 and 1).</summary>
    public static string ClassName(int label) => label switch
    {
        0 => "0 (ham)",
        1 => "1 (spam)",
        _ => label.ToString(CultureInfo.InvariantCulture),
    };

    public static string AuditLink(string model, int version) => $"audit?prefix={Uri.EscapeDataString(model)}/{version}";

    public static string CompareLink(string model, int version) => $"models/{Uri.EscapeDataString(model)}/versions/{version}/compare";

    public static string BiasLink(string model, int version) => $"models/{Uri.EscapeDataString(model)}/versions/{version}/bias";

    public static string DriftLink(string model) => $"models/{Uri.EscapeDataString(model)}/drift";

    /// <summary>At most <paramref name="max"/> evenly spaced indices of a series of <paramref name="count"/>, first and last included.</summary>
    public static IReadOnlyList<int> Sample(int count, int max)
    {
        if (count <= max)
        {
            return Enumerable.Range(0, count).ToList();
        }
        return Enumerable.Range(0, max).Select(i => (int)Math.Round(i * (count - 1) / (double)(max - 1))).Distinct().ToList();
    }
}
