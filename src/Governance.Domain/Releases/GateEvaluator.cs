using System.Globalization;

namespace Governance.Domain.Releases;

/// <summary>Applies a policy's gates to a candidate's evidence. Missing evidence fails a gate; it never passes by default.</summary>
public static class GateEvaluator
{
    public static IReadOnlyList<GateResult> Evaluate(ReleasePolicy policy, ReleaseEvidence evidence) =>
        policy.Gates.Select(rule => Evaluate(rule, evidence)).ToList();

    public static GateResult Evaluate(GateRule rule, ReleaseEvidence evidence) => rule.Kind switch
    {
        GateKind.MinimumMetric => MinimumMetric(rule, evidence),
        GateKind.NoRegression => NoRegression(rule, evidence),
        GateKind.DisparateImpactBand => DisparateImpact(rule, evidence),
        GateKind.EqualizedOddsGap => EqualizedOdds(rule, evidence),
        GateKind.NoUnresolvedDrift => NoDrift(rule, evidence),
        _ => Result(rule, null, false, $"Unknown gate kind {rule.Kind}."),
    };

    private static GateResult MinimumMetric(GateRule rule, ReleaseEvidence evidence)
    {
        if (!evidence.CandidateMetrics.TryGetValue(rule.Metric, out var value) || !double.IsFinite(value))
        {
            return Result(rule, null, false, $"The evaluation has no finite value for {rule.Metric}.");
        }
        var passed = value >= rule.Threshold;
        return Result(rule, value, passed, $"{rule.Metric} = {F(value)} {(passed ? ">=" : "<")} {F(rule.Threshold)}.");
    }

    private static GateResult NoRegression(GateRule rule, ReleaseEvidence evidence)
    {
        if (!evidence.HasProduction)
        {
            return Result(rule, null, true, "There is no production version to regress from.");
        }
        if (!evidence.DifferenceVsProduction.TryGetValue(rule.Metric, out var diff))
        {
            return Result(rule, null, false, $"No paired comparison of {rule.Metric} against production was recorded.");
        }
        if (Math.Abs(diff.Confidence - rule.Confidence) > 1e-9)
        {
            return Result(rule, diff.Lower, false, $"The comparison was made at {diff.Confidence:P0} confidence, the gate asks for {rule.Confidence:P0}.");
        }
        var passed = diff.Lower >= -rule.Threshold;
        return Result(rule, diff.Lower, passed,
            $"{rule.Metric} difference {F(diff.Estimate)}, {diff.Confidence:P0} interval [{F(diff.Lower)}, {F(diff.Upper)}]; lower bound {(passed ? "within" : "beyond")} the tolerance -{F(rule.Threshold)}.");
    }

    private static GateResult DisparateImpact(GateRule rule, ReleaseEvidence evidence)
    {
        if (evidence.DisparateImpactRatios.Count == 0)
        {
            return Result(rule, null, false, "The bias report has no disparate-impact ratios (no eligible groups).");
        }
        var outside = evidence.DisparateImpactRatios
            .Where(kv => !double.IsFinite(kv.Value) || kv.Value < rule.Threshold || kv.Value > rule.Upper)
            .Select(kv => $"{kv.Key} = {F(kv.Value)}")
            .ToList();
        var worst = evidence.DisparateImpactRatios.Values.MinBy(v => Math.Min(v, 1 / v));
        return outside.Count == 0
            ? Result(rule, worst, true, $"All {evidence.DisparateImpactRatios.Count} group ratios lie within the band.")
            : Result(rule, worst, false, $"Outside the band: {string.Join("; ", outside)}.");
    }

    private static GateResult EqualizedOdds(GateRule rule, ReleaseEvidence evidence)
    {
        if (evidence.EqualizedOddsGaps.Count == 0)
        {
            return Result(rule, null, false, "The bias report has no equalized-odds figures.");
        }
        var (attribute, gap) = evidence.EqualizedOddsGaps.MaxBy(kv => double.IsFinite(kv.Value) ? kv.Value : double.MaxValue);
        var passed = double.IsFinite(gap) && gap <= rule.Threshold;
        return Result(rule, gap, passed, $"Largest gap {F(gap)} on {attribute} {(passed ? "<=" : ">")} {F(rule.Threshold)}.");
    }

    private static GateResult NoDrift(GateRule rule, ReleaseEvidence evidence) =>
        evidence.UnresolvedDrift.Count == 0
            ? Result(rule, 0, true, "No unresolved drift.")
            : Result(rule, evidence.UnresolvedDrift.Count, false, $"Unresolved drift: {string.Join(", ", evidence.UnresolvedDrift)}.");

    private static GateResult Result(GateRule rule, double? value, bool passed, string why) => new(rule, rule.Describe(), value, passed, why);

    private static string F(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}
