using System.Text.Json;
using Governance.Evaluation.Classification;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Classification;

/// <summary>Small examples worked by hand, bad input, and properties.</summary>
public class HandWorkedTests
{
    [Fact]
    public void Binary_counts_worked_by_hand()
    {
        // TP=3, FN=1, FP=2, TN=4: precision 3/5, recall 3/4, F1 = 6/9, accuracy 7/10.
        int[] y = [1, 1, 1, 1, 0, 0, 0, 0, 0, 0];
        int[] p = [1, 1, 1, 0, 1, 1, 0, 0, 0, 0];
        var r = ClassificationMetrics.Evaluate(y, p, 2);
        Assert.Equal(0.6, r.PerClass[1].Precision, 12);
        Assert.Equal(0.75, r.PerClass[1].Recall, 12);
        Assert.Equal(6.0 / 9, r.PerClass[1].F1, 12);
        Assert.Equal(0.7, r.Accuracy, 12);
        Assert.Equal((0.75 + 4.0 / 6) / 2, r.BalancedAccuracy, 12);
        // MCC = (TP TN - FP FN) / sqrt((TP+FP)(TP+FN)(TN+FP)(TN+FN)) = (12 - 2) / sqrt(5*4*6*5)
        Assert.Equal(10 / Math.Sqrt(600), r.MatthewsCorrelation, 12);
    }

    [Fact]
    public void Roc_auc_counts_ties_as_one_half()
    {
        // Pairs (pos, neg): 0.8>0.3 win, 0.8 vs 0.8 tie, 0.4>0.3 win, 0.4<0.8 loss -> (2 + 0.5) / 4.
        var r = RocAuc.Binary([1, 1, 0, 0], [0.8, 0.4, 0.3, 0.8]);
        Assert.Equal(0.625, r.Value!.Value, 12);
    }

    [Fact]
    public void Roc_auc_with_one_class_is_undefined_not_nan()
    {
        var r = RocAuc.Binary([1, 1, 1], [0.2, 0.5, 0.9]);
        Assert.Equal(MetricStatus.Undefined, r.Status);
        Assert.Null(r.Value);
        Assert.Contains("negative", r.Reason);
        string json = JsonSerializer.Serialize(r);
        Assert.Contains("\"Status\":\"Undefined\"", json);
    }

    [Fact]
    public void Average_precision_worked_by_hand()
    {
        // Descending: 0.9 (pos) P=1 R=.5; 0.8 (neg); 0.7 (pos) P=2/3 R=1 -> AP = .5*1 + .5*2/3.
        var r = AveragePrecision.Binary([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1]);
        Assert.Equal(0.5 + 1.0 / 3, r.Value!.Value, 12);
        Assert.Equal(MetricStatus.Undefined, AveragePrecision.Binary([0, 0], [0.1, 0.2]).Status);
    }

    [Fact]
    public void Bad_input_gets_clear_exceptions()
    {
        var e = Assert.Throws<ArgumentException>(() => RocAuc.Binary([0, 1], [0.1]));
        Assert.Equal("scores", e.ParamName);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => RocAuc.Binary([0, 1], [0.1, double.NaN])).Message);
        Assert.Throws<ArgumentException>(() => RocAuc.Binary([], []));
        Assert.Throws<ArgumentException>(() => RocAuc.Binary([0, 2], [0.1, 0.2]));
        Assert.Contains("[0, 1]", Assert.Throws<ArgumentException>(() => ProbabilityMetrics.BinaryLogLoss([0, 1], [0.1, 1.2])).Message);
        Assert.Contains("sum to", Assert.Throws<ArgumentException>(() => ProbabilityMetrics.LogLoss([0, 1], [0.5, 0.6, 0.5, 0.5], 2)).Message);
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Evaluate([0, 3], [0, 1], 3));
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Evaluate([0, 1], [0], 2));
    }

    [Fact]
    public void Metrics_are_invariant_under_permutation_of_examples()
    {
        var rng = new SeededRandom(11);
        int n = 500;
        var y = new int[n];
        var p = new int[n];
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextInt(3);
            p[i] = rng.NextDouble() < 0.6 ? y[i] : rng.NextInt(3);
            s[i] = Math.Round(rng.NextDouble(), 1); // ties
        }
        var yb = y.Select(v => v == 0 ? 1 : 0).ToArray();
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle<int>(order);
        var y2 = order.Select(i => y[i]).ToArray();
        var p2 = order.Select(i => p[i]).ToArray();
        var s2 = order.Select(i => s[i]).ToArray();
        var yb2 = order.Select(i => yb[i]).ToArray();
        var a = ClassificationMetrics.Evaluate(y, p, 3);
        var b = ClassificationMetrics.Evaluate(y2, p2, 3);
        Assert.Equal(a.Macro, b.Macro);
        Assert.Equal(a.MatthewsCorrelation, b.MatthewsCorrelation);
        Assert.Equal(RocAuc.Binary(yb, s).Value, RocAuc.Binary(yb2, s2).Value);
        Assert.Equal(AveragePrecision.Binary(yb, s).Value!.Value, AveragePrecision.Binary(yb2, s2).Value!.Value, 12);
    }

    [Fact]
    public void Top_label_ece_worked_by_hand()
    {
        // Two examples with confidence 0.9 (bin 9), one right, one wrong: |0.5 - 0.9| = 0.4 on all mass.
        var r = Calibration.TopLabel([0, 1], [0.9, 0.1, 0.9, 0.1], 2, 10);
        Assert.Equal(0.4, r.ExpectedCalibrationError, 12);
        Assert.Equal(2, r.Bins[8].Count);
        Assert.Equal(10, r.Bins.Count);
    }

    [Fact]
    public void Calibration_and_bootstrap_reject_bad_input()
    {
        Assert.Throws<ArgumentException>(() => Calibration.Binary([0, 1], [0.2, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Calibration.Binary([0, 1], [0.2, 0.4], 0));
        Assert.Throws<ArgumentException>(() => Calibration.TopLabel([0, 1], [0.2, 0.8, 0.7], 2));
        var many = Enumerable.Range(0, 17).ToArray();
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            Governance.Evaluation.Uncertainty.Bootstrap.Classification(many, many, 17, [CountMetric.Accuracy]));
    }

    [Fact]
    public void Report_round_trips_through_json()
    {
        var r = ClassificationMetrics.Evaluate([0, 1, 1, 0], [0, 1, 0, 0], 2);
        string json = JsonSerializer.Serialize(r);
        var back = JsonSerializer.Deserialize<ClassificationReport>(json)!;
        Assert.Equal(r.Accuracy, back.Accuracy);
        Assert.Equal(r.PerClass[1], back.PerClass[1]);
    }
}
