using Governance.Evaluation.Classification;
using Governance.Evaluation.Statistics;
using Governance.Evaluation.Tests.Golden;

namespace Governance.Evaluation.Tests.Classification;

/// <summary>Binary metrics against scikit-learn values written by Golden/make_golden_metrics.py.</summary>
public class BinaryGoldenTests
{
    private const double Exact = 1e-9;
    private static readonly System.Text.Json.JsonElement Gold = GoldenFile.Load("classification_binary.json");
    private static readonly int[] Labels = Gold.Ints("y_true");
    private static readonly int[] Predicted = Gold.Ints("y_pred");
    private static readonly double[] Scores = Gold.Doubles("score");

    [Fact]
    public void Count_metrics_match_sklearn()
    {
        var report = ClassificationMetrics.Evaluate(Labels, Predicted, 2);
        Assert.Equal(Gold.Ints("confusion_matrix").Select(v => (long)v), report.ConfusionMatrix.SelectMany(r => r));
        Assert.Equal(Gold.Double("accuracy"), report.Accuracy, Exact);
        Assert.Equal(Gold.Double("balanced_accuracy"), report.BalancedAccuracy, Exact);
        Assert.Equal(Gold.Double("precision_binary"), report.PerClass[1].Precision, Exact);
        Assert.Equal(Gold.Double("recall_binary"), report.PerClass[1].Recall, Exact);
        Assert.Equal(Gold.Double("f1_binary"), report.PerClass[1].F1, Exact);
        Assert.Equal(Gold.Double("mcc"), report.MatthewsCorrelation, Exact);
        var counts = report.ConfusionMatrix.SelectMany(r => r).ToArray();
        Assert.Equal(Gold.Double("f1_binary"), CountMetrics.Compute(CountMetric.PositiveF1, counts, 2), Exact);
        Assert.Equal(Gold.Double("mcc"), CountMetrics.Compute(CountMetric.MatthewsCorrelation, counts, 2), Exact);
    }

    [Fact]
    public void Roc_auc_with_tied_scores_matches_sklearn()
    {
        var result = RocAuc.Binary(Labels, Scores);
        Assert.Equal(MetricStatus.Defined, result.Status);
        Assert.Equal(Gold.Double("roc_auc"), result.Value!.Value, Exact);
        Assert.Equal(Labels.Count(y => y == 1), result.Positives);
    }

    [Fact]
    public void Average_precision_log_loss_and_brier_match_sklearn()
    {
        Assert.Equal(Gold.Double("average_precision"), AveragePrecision.Binary(Labels, Scores).Value!.Value, Exact);
        Assert.Equal(Gold.Double("log_loss"), ProbabilityMetrics.BinaryLogLoss(Labels, Scores).Value!.Value, Exact);
        Assert.Equal(Gold.Double("brier"), ProbabilityMetrics.BinaryBrier(Labels, Scores).Value!.Value, Exact);
    }

    [Fact]
    public void Reliability_bins_match_sklearn_calibration_curve()
    {
        var result = Calibration.Binary(Labels, Scores, 10);
        var nonEmpty = result.Bins.Where(b => b.Count > 0).ToArray();
        var observed = Gold.Doubles("calibration_prob_true");
        var predicted = Gold.Doubles("calibration_prob_pred");
        Assert.Equal(observed.Length, nonEmpty.Length);
        for (int i = 0; i < observed.Length; i++)
        {
            Assert.Equal(observed[i], nonEmpty[i].ObservedFrequency!.Value, Exact);
            Assert.Equal(predicted[i], nonEmpty[i].MeanPredicted!.Value, Exact);
        }
        double ece = nonEmpty.Sum(b => b.Count * Math.Abs(b.ObservedFrequency!.Value - b.MeanPredicted!.Value)) / Labels.Length;
        Assert.Equal(ece, result.ExpectedCalibrationError, Exact);
    }
}
