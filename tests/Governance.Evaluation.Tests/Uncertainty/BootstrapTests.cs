using Governance.Evaluation.Classification;
using Governance.Evaluation.Statistics;
using Governance.Evaluation.Uncertainty;

namespace Governance.Evaluation.Tests.Uncertainty;

public class BootstrapTests
{
    private static (int[] Actual, int[] Predicted, double[] Scores) Data(int n, double accuracy, ulong seed)
    {
        var rng = new SeededRandom(seed);
        var y = new int[n];
        var p = new int[n];
        var s = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = rng.NextDouble() < 0.4 ? 1 : 0;
            p[i] = rng.NextDouble() < accuracy ? y[i] : 1 - y[i];
            s[i] = Math.Round(0.3 * y[i] + 0.7 * rng.NextDouble(), 2);
        }
        return (y, p, s);
    }

    [Fact]
    public void Same_seed_gives_same_interval_whatever_the_thread_count()
    {
        var (y, p, _) = Data(2_000, 0.8, 1);
        var one = Bootstrap.Classification(y, p, 2, [CountMetric.MacroF1], new BootstrapOptions(200, 0.95, 5, 1))[0];
        var many = Bootstrap.Classification(y, p, 2, [CountMetric.MacroF1], new BootstrapOptions(200, 0.95, 5, 4))[0];
        var other = Bootstrap.Classification(y, p, 2, [CountMetric.MacroF1], new BootstrapOptions(200, 0.95, 6))[0];
        Assert.Equal(one, many);
        Assert.NotEqual(one.Lower, other.Lower);
        Assert.Equal(200, one.ValidResamples);
        Assert.InRange(one.Estimate, one.Lower, one.Upper);
    }

    [Fact]
    public void Accuracy_interval_width_matches_the_binomial_standard_error()
    {
        // For accuracy p on n rows the bootstrap SE is about sqrt(p(1-p)/n): 95% width ~ 2 * 1.96 * SE.
        int n = 5_000;
        var (y, p, _) = Data(n, 0.8, 2);
        var interval = Bootstrap.Classification(y, p, 2, [CountMetric.Accuracy], new BootstrapOptions(1000))[0];
        double acc = interval.Estimate;
        double expectedWidth = 2 * 1.959964 * Math.Sqrt(acc * (1 - acc) / n);
        Assert.InRange(interval.Upper - interval.Lower, 0.85 * expectedWidth, 1.15 * expectedWidth);
    }

    [Fact]
    public void Presorted_auc_bootstrap_agrees_with_the_generic_bootstrap()
    {
        var (y, _, s) = Data(1_500, 0.8, 3);
        var fast = RocAucBootstrap.Binary(y, s, new BootstrapOptions(400));
        var slow = Bootstrap.Generic(y.Length, idx =>
        {
            var yy = new int[idx.Length];
            var ss = new double[idx.Length];
            for (int i = 0; i < idx.Length; i++) { yy[i] = y[idx[i]]; ss[i] = s[idx[i]]; }
            return RocAuc.Binary(yy, ss).Value ?? double.NaN;
        }, "roc_auc", new BootstrapOptions(400));
        Assert.Equal(slow.Estimate, fast.Estimate, 12);
        // Different draws of the same distribution: bounds agree to Monte Carlo error.
        Assert.Equal(slow.Lower, fast.Lower, 0.01);
        Assert.Equal(slow.Upper, fast.Upper, 0.01);
    }

    [Fact]
    public void Undefined_resamples_are_excluded_and_counted()
    {
        // One positive among 20: many resamples miss it and ROC-AUC is undefined there.
        var y = new int[20];
        y[0] = 1;
        var s = Enumerable.Range(0, 20).Select(i => i / 20.0).ToArray();
        var r = RocAucBootstrap.Binary(y, s, new BootstrapOptions(300));
        Assert.InRange(r.ValidResamples, 150, 250); // P(drawn at least once) = 1 - 0.95^20 ~ 0.64
    }

    [Fact]
    public void Paired_bootstrap_of_identical_models_is_zero_and_of_a_better_model_is_positive()
    {
        var (y, p, _) = Data(3_000, 0.75, 4);
        var same = PairedBootstrap.Classification(y, p, p, 2, CountMetric.Accuracy, new BootstrapOptions(300));
        Assert.Equal(0, same.Lower);
        Assert.Equal(0, same.Upper);
        var better = (int[])p.Clone();
        for (int i = 0; i < better.Length; i += 5) better[i] = y[i]; // fixes ~1/5 of the errors
        var result = PairedBootstrap.Classification(y, p, better, 2, CountMetric.Accuracy, new BootstrapOptions(300));
        Assert.True(result.Lower > 0, $"lower bound {result.Lower}");
        Assert.Equal(result.ChallengerEstimate - result.ChampionEstimate, result.Difference, 12);
        Assert.Equal(0, result.ShareNotBetter);
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Classification([0, 1], [0, 1], 2, [CountMetric.Accuracy], new BootstrapOptions(Resamples: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Bootstrap.Classification([0, 1], [0, 1], 2, [CountMetric.Accuracy], new BootstrapOptions(ConfidenceLevel: 1.5)));
        Assert.Throws<ArgumentException>(() => Bootstrap.Classification([0, 1], [0, 1], 2, []));
    }

    [Fact]
    public void Percentile_matches_numpy_linear_interpolation()
    {
        // numpy.percentile([1, 2, 3, 4], 25) = 1.75
        Assert.Equal(1.75, Percentile.OfSorted([1.0, 2, 3, 4], 0.25), 12);
        Assert.Equal(4, Percentile.OfSorted([1.0, 2, 3, 4], 1));
    }
}
