using System.Text.Json;

namespace Governance.Evaluation.Tests.Golden;

/// <summary>Reads golden JSON written by make_golden_metrics.py (copied to the test output folder).</summary>
internal static class GoldenFile
{
    public static JsonElement Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        using var stream = File.OpenRead(path);
        return JsonDocument.Parse(stream).RootElement.Clone();
    }

    public static int[] Ints(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    public static double[] Doubles(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    public static double Double(this JsonElement e, string property) => e.GetProperty(property).GetDouble();
}
