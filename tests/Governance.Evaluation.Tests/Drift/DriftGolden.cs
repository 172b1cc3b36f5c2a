using System.Text.Json;

namespace Governance.Evaluation.Tests.Drift;

/// <summary>Loads Golden/drift_golden.json (written by Golden/make_golden_drift.py) from the source tree.</summary>
internal static class DriftGolden
{
    private static readonly Lazy<JsonDocument> Document = new(Load);

    public static JsonElement Root => Document.Value.RootElement;

    public static double[] Doubles(JsonElement array)
    {
        var result = new double[array.GetArrayLength()];
        int i = 0;
        foreach (JsonElement e in array.EnumerateArray())
        {
            result[i++] = e.GetDouble();
        }

        return result;
    }

    /// <summary>|actual - expected| &lt;= tol * max(1, |expected|).</summary>
    public static void Close(double expected, double actual, double tolerance, string what)
    {
        double allowed = tolerance * Math.Max(1.0, Math.Abs(expected));
        Assert.True(Math.Abs(actual - expected) <= allowed, $"{what}: expected {expected:R}, got {actual:R} (tolerance {allowed:G3})");
    }

    /// <summary>Relative closeness for small positive numbers such as p-values (absolute floor 1e-300).</summary>
    public static void RelativeClose(double expected, double actual, double tolerance, string what)
    {
        double allowed = (tolerance * Math.Abs(expected)) + 1e-300;
        Assert.True(Math.Abs(actual - expected) <= allowed, $"{what}: expected {expected:R}, got {actual:R} (relative tolerance {tolerance:G3})");
    }

    private static JsonDocument Load()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null)
        {
            string candidate = Path.Combine(dir, "tests", "Governance.Evaluation.Tests", "Drift", "Golden", "drift_golden.json");
            if (File.Exists(candidate))
            {
                return JsonDocument.Parse(File.ReadAllText(candidate));
            }

            dir = Path.GetDirectoryName(dir);
        }

        throw new FileNotFoundException("drift_golden.json not found above " + AppContext.BaseDirectory);
    }
}
