using Governance.Domain.Releases;

namespace Governance.Domain.Tests.Releases;

public class GateEvaluatorTests
{
    private static ReleaseEvidence Good() => new()
    {
        HasProduction = true,
        CandidateMetrics = new Dictionary<string, double> { ["macro_f1"] = 0.96 },
        DifferenceVsProduction = new Dictionary<string, MetricInterval> { ["macro_f1"] = new(0.004, -0.006, 0.013, 0.95) },
        DisparateImpactRatios = new Dictionary<string, double> { ["sender_cctld=true"] = 0.93, ["non_ascii=true"] = 1.1 },
        EqualizedOddsGaps = new Dictionary<string, double> { ["sender_cctld"] = 0.04, ["non_ascii"] = 0.07 },
    };

    [Fact]
    public void Good_evidence_passes_every_default_gate()
    {
        var results = GateEvaluator.Evaluate(ReleasePolicy.Default, Good());
        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.True(r.Passed, r.Explanation));
    }

    [Fact]
    public void Each_failure_says_what_and_why()
    {
        var bad = Good() with
        {
            CandidateMetrics = new Dictionary<string, double> { ["macro_f1"] = 0.85 },
            DifferenceVsProduction = new Dictionary<string, MetricInterval> { ["macro_f1"] = new(-0.02, -0.035, -0.005, 0.95) },
            DisparateImpactRatios = new Dictionary<string, double> { ["non_ascii=true"] = 0.7 },
            EqualizedOddsGaps = new Dictionary<string, double> { ["non_ascii"] = 0.2 },
            UnresolvedDrift = ["drift report 7"],
        };
        var results = GateEvaluator.Evaluate(ReleasePolicy.Default, bad);
        Assert.All(results, r => Assert.False(r.Passed));
        Assert.Equal("macro_f1 = 0.85 < 0.9.", results[0].Explanation);
        Assert.Contains("beyond the tolerance", results[1].Explanation);
        Assert.Contains("non_ascii=true = 0.7", results[2].Explanation);
        Assert.Contains("on non_ascii", results[3].Explanation);
        Assert.Contains("drift report 7", results[4].Explanation);
    }

    [Fact]
    public void Missing_evidence_fails_rather_than_passes()
    {
        var results = GateEvaluator.Evaluate(ReleasePolicy.Default, new ReleaseEvidence { HasProduction = true });
        Assert.False(results[0].Passed);
        Assert.False(results[1].Passed);
        Assert.False(results[2].Passed);
        Assert.False(results[3].Passed);
        Assert.True(results[4].Passed);
    }

    [Fact]
    public void A_first_version_has_nothing_to_regress_from()
    {
        var result = GateEvaluator.Evaluate(new GateRule(GateKind.NoRegression, "macro_f1", 0.01), new ReleaseEvidence());
        Assert.True(result.Passed);
    }

    [Fact]
    public void NaN_never_passes()
    {
        var evidence = Good() with { CandidateMetrics = new Dictionary<string, double> { ["macro_f1"] = double.NaN } };
        Assert.False(GateEvaluator.Evaluate(new GateRule(GateKind.MinimumMetric, "macro_f1", 0.9), evidence).Passed);
    }

    [Theory]
    [InlineData(GateKind.MinimumMetric, "", 0.9, null)]
    [InlineData(GateKind.DisparateImpactBand, "", 1.3, 1.2)]
    [InlineData(GateKind.MinimumMetric, "f1", double.NaN, null)]
    public void Policies_with_impossible_gates_are_refused(GateKind kind, string metric, double threshold, double? upper)
    {
        var policy = new ReleasePolicy { Gates = [new GateRule(kind, metric, threshold, upper)] };
        Assert.Throws<DomainException>(policy.Validate);
    }
}
