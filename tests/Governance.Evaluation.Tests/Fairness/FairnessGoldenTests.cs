using System.Text.Json;
using Governance.Evaluation.Fairness;
using Governance.Evaluation.Statistics;
using Governance.Evaluation.Tests.Golden;

namespace Governance.Evaluation.Tests.Fairness;

/// <summary>Intersectional group fairness against numpy values from fairlearn's definitions (Golden/make_golden_metrics.py).</summary>
public class FairnessGoldenTests
{
    private const double Exact = 1e-9;

    [Fact]
    public void Intersectional_groups_and_disparities_match_the_golden_values()
    {
        var gold = GoldenFile.Load("fairness.json");
        var sex = gold.GetProperty("sex").EnumerateArray().Select(v => v.GetString()).ToArray();
        var age = gold.GetProperty("age").EnumerateArray().Select(v => v.GetString()).ToArray();
        var r = GroupFairness.Binary(gold.Ints("y_true"), gold.Ints("y_pred"),
            [new SensitiveAttribute("sex", sex), new SensitiveAttribute("age", age)],
            new FairnessOptions(MinimumGroupSize: gold.GetProperty("min_size").GetInt32()));

        foreach (var g in gold.GetProperty("groups").EnumerateObject())
        {
            var actual = r.Groups.Single(x => x.Group == g.Name);
            Assert.Equal(g.Value.GetProperty("count").GetInt32(), actual.Count);
            Assert.Equal(g.Value.Double("selection_rate"), actual.SelectionRate!.Value, Exact);
            Assert.Equal(g.Value.Double("tpr"), actual.TruePositiveRate!.Value, Exact);
            Assert.Equal(g.Value.Double("fpr"), actual.FalsePositiveRate!.Value, Exact);
            Assert.Equal(g.Value.Double("precision"), actual.Precision!.Value, Exact);
            Assert.Equal(g.Value.Double("accuracy"), actual.Accuracy!.Value, Exact);
            Assert.Equal(g.Value.Double("f1"), actual.F1!.Value, Exact);
        }
        Assert.Equal(gold.GetProperty("below_min").EnumerateArray().Select(v => v.GetString()!), r.GroupsBelowMinimumSize);
        Check(gold.GetProperty("demographic_parity"), r.DemographicParity);
        Check(gold.GetProperty("equal_opportunity"), r.EqualOpportunity);
        Check(gold.GetProperty("predictive_parity"), r.PredictiveParity);
        Check(gold.GetProperty("equalized_odds"), r.EqualizedOdds);
        Assert.Equal(gold.GetProperty("reference").GetString(), r.DisparateImpact.ReferenceGroup);
        foreach (var i in gold.GetProperty("impact").EnumerateObject())
            Assert.Equal(i.Value.GetDouble(), r.DisparateImpact.Groups.Single(x => x.Group == i.Name).Ratio!.Value, Exact);
    }

    private static void Check(JsonElement expected, Disparity actual)
    {
        Assert.Equal(MetricStatus.Defined, actual.Status);
        Assert.Equal(expected.Double("difference"), actual.Difference!.Value, Exact);
        Assert.Equal(expected.Double("ratio"), actual.Ratio!.Value, Exact);
    }
}
