using System.Text.Json;
using Governance.Evaluation.Fairness;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Fairness;

public class GroupFairnessTests
{
    // Group A: TP 1, FN 1, FP 1, TN 1. Group B: TP 2, TN 2. Group C: one member (below minimum 2).
    private static readonly int[] Actual = [1, 1, 0, 0, 1, 1, 0, 0, 1];
    private static readonly int[] Predicted = [1, 0, 1, 0, 1, 1, 0, 0, 1];
    private static readonly SensitiveAttribute Group = new("g", ["A", "A", "A", "A", "B", "B", "B", "B", "C"]);

    [Fact]
    public void Group_rates_and_disparities_worked_by_hand()
    {
        var r = GroupFairness.Binary(Actual, Predicted, [Group], new FairnessOptions(MinimumGroupSize: 2));
        var a = r.Groups.Single(g => g.Group == "g=A");
        Assert.Equal((0.5, 0.5, 0.5, 0.5, 0.5, 0.5), (a.SelectionRate!.Value, a.TruePositiveRate!.Value, a.FalsePositiveRate!.Value, a.Precision!.Value, a.Accuracy!.Value, a.F1!.Value));
        var b = r.Groups.Single(g => g.Group == "g=B");
        Assert.Equal((1.0, 0.0, 1.0), (b.TruePositiveRate!.Value, b.FalsePositiveRate!.Value, b.Precision!.Value));

        Assert.Equal(0, r.DemographicParity.Difference!.Value, 12);
        Assert.Equal(1, r.DemographicParity.Ratio!.Value, 12);
        Assert.Equal(0.5, r.EqualOpportunity.Difference!.Value, 12);
        Assert.Equal(0.5, r.EqualOpportunity.Ratio!.Value, 12);
        Assert.Equal(0.5, r.EqualizedOdds.Difference!.Value, 12);
        Assert.Equal(0, r.EqualizedOdds.Ratio!.Value, 12); // FPR ratio 0 / 0.5
        Assert.Equal(0.5, r.PredictiveParity.Difference!.Value, 12);
        Assert.Equal("g=A", r.DisparateImpact.ReferenceGroup); // tie on size, first by name
        Assert.True(r.DisparateImpact.WithinBand);

        // C is reported with its rates, flagged, and left out of every comparison.
        Assert.Equal(["g=C"], r.GroupsBelowMinimumSize);
        var c = r.Groups.Single(g => g.Group == "g=C");
        Assert.Equal(MetricStatus.InsufficientSupport, c.Status);
        Assert.Contains(c.Notes, n => n.Contains("below the minimum", StringComparison.Ordinal));
        Assert.Equal(2, r.DemographicParity.GroupsCompared);
    }

    [Fact]
    public void Disparate_impact_outside_the_band_fails_against_a_chosen_reference()
    {
        int[] y = [1, 0, 1, 0, 1, 0, 1, 0];
        int[] p = [1, 1, 0, 0, 1, 0, 0, 0]; // A selects 2/4, B selects 1/4
        var g = new SensitiveAttribute("g", ["A", "A", "A", "A", "B", "B", "B", "B"]);
        var r = GroupFairness.Binary(y, p, [g], new FairnessOptions(MinimumGroupSize: 1, ReferenceGroup: "g=A"));
        Assert.False(r.DisparateImpact.WithinBand);
        Assert.Equal(0.5, r.DisparateImpact.Groups.Single(i => i.Group == "g=B").Ratio!.Value, 12);
        Assert.Equal(0.5, r.DemographicParity.Ratio!.Value, 12);
        Assert.Throws<ArgumentException>(() => GroupFairness.Binary(y, p, [g], new FairnessOptions(ReferenceGroup: "g=Z")));
    }

    [Fact]
    public void Intersectional_groups_cross_attributes_and_expected_empty_groups_are_reported()
    {
        var sex = new SensitiveAttribute("sex", ["F", "F", "M", "M"]);
        var age = new SensitiveAttribute("age", ["young", "old", "young", null]);
        var r = GroupFairness.Binary([1, 0, 1, 0], [1, 0, 0, 0], [sex, age],
            new FairnessOptions(MinimumGroupSize: 1, ExpectedGroups: ["sex=X|age=young"]));
        Assert.Equal(["sex=F|age=old", "sex=F|age=young", "sex=M|age=(missing)", "sex=M|age=young", "sex=X|age=young"], r.Groups.Select(x => x.Group));
        var empty = r.Groups.Single(x => x.Group == "sex=X|age=young");
        Assert.Equal(0, empty.Count);
        Assert.Equal(MetricStatus.InsufficientSupport, empty.Status);
        Assert.Contains("no members", empty.Notes[0], StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Multiclass_gives_one_vs_rest_reports_per_class()
    {
        int[] y = [0, 1, 2, 0, 1, 2];
        int[] p = [0, 1, 1, 0, 2, 2];
        var g = new SensitiveAttribute("g", ["A", "A", "A", "B", "B", "B"]);
        var reports = GroupFairness.Multiclass(y, p, 3, [g], new FairnessOptions(MinimumGroupSize: 1));
        Assert.Equal(3, reports.Count);
        // Class 1: A predicts it twice (1 right), B never: selection 2/3 vs 0.
        Assert.Equal(2.0 / 3, reports[1].DemographicParity.Difference!.Value, 12);
        Assert.Equal(0, reports[1].DemographicParity.Ratio!.Value, 12);
    }

    [Fact]
    public void Undefined_rates_are_explained_and_bad_input_throws()
    {
        var g = new SensitiveAttribute("g", ["A", "A", "B", "B"]);
        var r = GroupFairness.Binary([0, 0, 1, 0], [0, 0, 1, 0], [g], new FairnessOptions(MinimumGroupSize: 1));
        Assert.Null(r.Groups[0].TruePositiveRate);
        Assert.Equal(MetricStatus.Undefined, r.EqualOpportunity.Status);
        Assert.Throws<ArgumentException>(() => GroupFairness.Binary([0, 1], [0, 1], [new SensitiveAttribute("g", ["A"])]));
        Assert.Throws<ArgumentException>(() => GroupFairness.Binary([0, 1], [0, 1], []));
        Assert.Throws<ArgumentException>(() => GroupFairness.Binary([0, 2], [0, 1], [new SensitiveAttribute("g", ["A", "B"])]));
        string json = JsonSerializer.Serialize(r);
        Assert.Contains("\"SchemaVersion\":\"governance.evaluation/1\"", json);
        Assert.Contains("\"Status\":\"Undefined\"", json);
    }

    [Fact]
    public void Report_is_invariant_under_permutation_of_examples()
    {
        var rng = new SeededRandom(9);
        int n = 400;
        var y = Enumerable.Range(0, n).Select(_ => rng.NextInt(2)).ToArray();
        var p = Enumerable.Range(0, n).Select(_ => rng.NextInt(2)).ToArray();
        var v = Enumerable.Range(0, n).Select(_ => "abc"[rng.NextInt(3)].ToString()).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle<int>(order);
        var a = GroupFairness.Binary(y, p, [new SensitiveAttribute("g", v)]);
        var b = GroupFairness.Binary(order.Select(i => y[i]).ToArray(), order.Select(i => p[i]).ToArray(),
            [new SensitiveAttribute("g", order.Select(i => v[i]).ToArray())]);
        Assert.Equal(JsonSerializer.Serialize(a), JsonSerializer.Serialize(b));
    }
}
