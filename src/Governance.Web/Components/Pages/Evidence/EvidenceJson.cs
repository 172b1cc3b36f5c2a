using System.Text.Json;
using Governance.Domain.Evidence;
using Governance.Evaluation.Classification;
using Governance.Evaluation.Drift;
using Governance.Evaluation.Fairness;
using Governance.Evaluation.Slices;
using Governance.Evaluation.Uncertainty;

namespace Governance.Web.Components.Pages.Evidence;

/// <summary>
/// Reads the loop's stored result JSON back into the evaluation library's records (the same types that
/// wrote it). Fields added later are optional, so older records still read.
/// </summary>
internal static class EvidenceJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static StoredEvaluation Evaluation(EvaluationRecord record)
    {
        using var doc = JsonDocument.Parse(record.Result);
        var root = doc.RootElement;
        var dataset = root.GetProperty("dataset");
        var calibration = Optional(root, "calibration");
        return new StoredEvaluation(record.Id, record.ResultHash, record.CreatedAt,
            Optional(root, "production") is { } p ? p.GetProperty("number").GetInt32() : null,
            $"{dataset.GetProperty("name").GetString()} v{dataset.GetProperty("version").GetInt32()}",
            dataset.GetProperty("contentHash").GetString() ?? "",
            dataset.GetProperty("heldOutRows").GetInt32(),
            Read<ClassificationReport>(root.GetProperty("report")),
            Read<List<BootstrapInterval>>(root.GetProperty("intervals")),
            Optional(root, "paired") is { } paired ? Read<PairedBootstrapResult>(paired) : null,
            Optional(root, "mcnemar") is { } mc ? Read<McNemarResult>(mc) : null,
            Optional(root, "slices") is { } slices ? Read<List<SliceReport<ClassificationReport>>>(slices) : [],
            Optional(root, "productionReport") is { } pr ? Read<ClassificationReport>(pr) : null,
            Optional(root, "productionIntervals") is { } pi ? Read<List<BootstrapInterval>>(pi) : null,
            Optional(root, "productionSlices") is { } ps ? Read<List<SliceReport<ClassificationReport>>>(ps) : null,
            calibration is { } c && Optional(c, "candidate") is { } cc ? Read<CalibrationResult>(cc) : null,
            calibration is { } c2 && Optional(c2, "production") is { } cp ? Read<CalibrationResult>(cp) : null);
    }

    public static StoredBias Bias(BiasReportRecord record)
    {
        using var doc = JsonDocument.Parse(record.Result);
        var root = doc.RootElement;
        var dataset = root.GetProperty("dataset");
        return new StoredBias(record.Id, record.ResultHash, record.CreatedAt,
            $"{dataset.GetProperty("name").GetString()} v{dataset.GetProperty("version").GetInt32()}",
            Optional(root, "favourableClass") is { } f ? f.GetInt32() : 0,
            Optional(root, "fairness") is { } fairness ? Read<List<FairnessReport>>(fairness) : [],
            Optional(root, "counterfactual") is { } cf ? Read<CounterfactualReport>(cf) : null);
    }

    /// <summary>
    /// Every per-column drift result in a drift report, wherever the check put it (text aspects, columns,
    /// predictions): any object with a column, a method and a threshold. Document order.
    /// </summary>
    public static IReadOnlyList<ColumnDriftResult> DriftColumns(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var found = new List<ColumnDriftResult>();
        Collect(doc.RootElement, found);
        return found;
    }

    private static void Collect(JsonElement e, List<ColumnDriftResult> found)
    {
        if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in e.EnumerateArray())
            {
                Collect(item, found);
            }
            return;
        }
        if (e.ValueKind != JsonValueKind.Object)
        {
            return;
        }
        if (e.TryGetProperty("column", out _) && e.TryGetProperty("method", out _) && e.TryGetProperty("threshold", out _))
        {
            found.Add(Read<ColumnDriftResult>(e));
            return;
        }
        foreach (var p in e.EnumerateObject())
        {
            Collect(p.Value, found);
        }
    }

    private static JsonElement? Optional(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined) ? v : null;

    private static T Read<T>(JsonElement e) => e.Deserialize<T>(Options)
        ?? throw new InvalidOperationException($"A stored result holds no {typeof(T).Name}.");
}
