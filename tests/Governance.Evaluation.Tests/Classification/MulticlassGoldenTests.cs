using Governance.Evaluation.Classification;
using Governance.Evaluation.Statistics;
using Governance.Evaluation.Tests.Golden;

namespace Governance.Evaluation.Tests.Classification;

/// <summary>Multiclass metrics against scikit-learn; class 3 is never predicted, so zero_division matters.</summary>
public class MulticlassGoldenTests
{
    private const double Exact = 1e-9;
    private static readonly System.Text.Json.JsonElement Gold = GoldenFile.Load("classification_multiclass.json");
    private static readonly int K = Gold.GetProperty("k").GetInt32();
    private static readonly int[] Labels = Gold.Ints("y_true");
    private static readonly int[] Predicted = Gold.Ints("y_pred");
    private static readonly double[] Probabilities = Gold.Doubles("prob");

    [Theory]
    [InlineData(ZeroDivisionPolicy.Zero, "zd0")]
    [InlineData(ZeroDivisionPolicy.One, "zd1")]
    public void Precision_recall_f1_per_class_and_averages_match_sklearn(ZeroDivisionPolicy policy, string suffix)
    {
        var report = ClassificationMetrics.Evaluate(Labels, Predicted, K, policy);
        Assert.Equal(Gold.Doubles($"precision_per_class_{suffix}"), report.PerClass.Select(c => c.Precision), Tolerance);
        Assert.Equal(Gold.Doubles($"recall_per_class_{suffix}"), report.PerClass.Select(c => c.Recall), Tolerance);
        Assert.Equal(Gold.Doubles($"f1_per_class_{suffix}"), report.PerClass.Select(c => c.F1), Tolerance);
        Assert.Equal(Gold.Doubles($"precision_macro_{suffix}")[0], report.Macro.Precision, Exact);
        Assert.Equal(Gold.Doubles($"recall_macro_{suffix}")[0], report.Macro.Recall, Exact);
        Assert.Equal(Gold.Doubles($"f1_macro_{suffix}")[0], report.Macro.F1, Exact);
        Assert.Equal(Gold.Doubles($"f1_micro_{suffix}")[0], report.Micro.F1, Exact);
        Assert.Equal(Gold.Doubles($"precision_weighted_{suffix}")[0], report.Weighted.Precision, Exact);
        Assert.Equal(Gold.Doubles($"f1_weighted_{suffix}")[0], report.Weighted.F1, Exact);
        Assert.Equal([3], report.ZeroDivisionClasses);
        var counts = report.ConfusionMatrix.SelectMany(r => r).ToArray();
        Assert.Equal(report.Macro.F1, CountMetrics.Compute(CountMetric.MacroF1, counts, K, policy), Exact);
        Assert.Equal(report.Weighted.F1, CountMetrics.Compute(CountMetric.WeightedF1, counts, K, policy), Exact);
    }

    [Fact]
    public void Accuracy_balanced_accuracy_mcc_and_confusion_match_sklearn()
    {
        var report = ClassificationMetrics.Evaluate(Labels, Predicted, K);
        Assert.Equal(Gold.Ints("confusion_matrix").Select(v => (long)v), report.ConfusionMatrix.SelectMany(r => r));
        Assert.Equal(Gold.Double("accuracy"), report.Accuracy, Exact);
        Assert.Equal(Gold.Double("balanced_accuracy"), report.BalancedAccuracy, Exact);
        Assert.Equal(Gold.Double("mcc"), report.MatthewsCorrelation, Exact);
    }

    [Fact]
    public void Probability_metrics_match_sklearn()
    {
        var auc = RocAuc.MacroOneVsRest(Labels, Probabilities, K);
        Assert.Equal(MetricStatus.Defined, auc.Status);
        Assert.Equal(Gold.Double("roc_auc_ovr_macro"), auc.Value!.Value, Exact);
        Assert.Equal(Gold.Doubles("roc_auc_per_class"), auc.PerClass!.Select(v => v!.Value), Tolerance);
        Assert.Equal(Gold.Double("average_precision_macro"), AveragePrecision.MacroOneVsRest(Labels, Probabilities, K).Value!.Value, Exact);
        Assert.Equal(Gold.Double("log_loss"), ProbabilityMetrics.LogLoss(Labels, Probabilities, K).Value!.Value, Exact);
        Assert.Equal(Gold.Double("brier_multiclass"), ProbabilityMetrics.Brier(Labels, Probabilities, K).Value!.Value, Exact);
    }

    private static readonly IEqualityComparer<double> Tolerance = new ToleranceComparer(Exact);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;
        public int GetHashCode(double obj) => 0;
    }
}
