using Governance.Evaluation.Drift;
using Governance.Evaluation.Statistics;
using Xunit.Abstractions;

namespace Governance.Evaluation.Tests.Drift;

/// <summary>
/// A planted shift is detected and a same-distribution resample is not, at stated rates over seeded
/// trials (deterministic: the seeds fix every sample). Tests with a p-value should flag about
/// alpha = 5% of null trials (bound used: 9%, about 2.6 binomial standard deviations above 5% for 200
/// trials); distances with a fixed threshold should flag none at the sizes used.
/// </summary>
public class DetectionRateTests(ITestOutputHelper output)
{
    private const int Trials = 200;

    private (double Null, double Shifted) Rates(Func<SeededRandom, bool, bool> drifted, int trials = Trials)
    {
        int falseAlarms = 0, detections = 0;
        for (int t = 0; t < trials; t++)
        {
            falseAlarms += drifted(SeededRandom.ForStream(99, (ulong)t), false) ? 1 : 0;
            detections += drifted(SeededRandom.ForStream(77, (ulong)t), true) ? 1 : 0;
        }

        (double n, double s) = (falseAlarms / (double)trials, detections / (double)trials);
        output.WriteLine($"false alarm rate {n:P1}, detection rate {s:P1} over {trials} trials");
        return (n, s);
    }

    [Fact]
    public void Ks_at_200_vs_200_detects_a_half_sd_shift()
    {
        (double falseAlarms, double detections) = Rates((rng, shift) =>
            NumericDrift.Compare("x", DriftSamples.Normal(rng, 200), DriftSamples.Normal(rng, 200, shift ? 0.5 : 0)).Drifted!.Value);
        Assert.InRange(falseAlarms, 0.0, 0.09);
        Assert.True(detections >= 0.95, $"detection rate {detections}");
    }

    [Fact]
    public void Wasserstein_at_2000_vs_2000_detects_a_quarter_sd_shift_and_never_a_resample()
    {
        (double falseAlarms, double detections) = Rates((rng, shift) =>
            NumericDrift.Compare("x", DriftSamples.Normal(rng, 2000, 3, 2), DriftSamples.Normal(rng, 2000, shift ? 3.5 : 3, 2)).Drifted!.Value);
        Assert.Equal(0.0, falseAlarms);
        Assert.Equal(1.0, detections);
    }

    [Fact]
    public void Psi_at_2000_vs_2000_detects_a_half_sd_shift_and_never_a_resample()
    {
        var options = new ColumnDriftOptions { Method = DriftMethod.PopulationStabilityIndex };
        (double falseAlarms, double detections) = Rates((rng, shift) =>
            NumericDrift.Compare("x", DriftSamples.Normal(rng, 2000), DriftSamples.Normal(rng, 2000, shift ? 0.5 : 0), options).Drifted!.Value);
        Assert.Equal(0.0, falseAlarms);
        Assert.Equal(1.0, detections);
    }

    private (double Null, double Shifted) ChiSquareRates(int referenceSize, int currentSize, ChiSquareForm form)
    {
        string[] names = ["a", "b", "c", "d"];
        var options = new ColumnDriftOptions { ChiSquareForm = form };
        return Rates((rng, shift) =>
            CategoricalDrift.Compare("c",
                DriftSamples.Categories(rng, referenceSize, [4, 3, 2, 1], names),
                DriftSamples.Categories(rng, currentSize, shift ? [2.5, 3, 2.5, 2] : [4, 3, 2, 1], names),
                options).Drifted!.Value);
    }

    [Fact]
    public void Chi_square_homogeneity_at_300_vs_300_is_calibrated_and_detects_a_changed_mix()
    {
        (double falseAlarms, double detections) = ChiSquareRates(300, 300, ChiSquareForm.Homogeneity);
        Assert.InRange(falseAlarms, 0.0, 0.09);
        Assert.True(detections >= 0.9, $"detection rate {detections}");
    }

    [Fact]
    public void Chi_square_goodness_of_fit_is_calibrated_only_with_a_much_larger_reference()
    {
        (double falseAlarms, double detections) = ChiSquareRates(1000, 100, ChiSquareForm.GoodnessOfFit);
        Assert.InRange(falseAlarms, 0.0, 0.1);
        Assert.True(detections >= 0.5, $"detection rate {detections}");

        // Same sizes: the reference proportions' own noise is ignored, so false alarms are far above alpha.
        (double sameSizeFalseAlarms, _) = ChiSquareRates(300, 300, ChiSquareForm.GoodnessOfFit);
        Assert.InRange(sameSizeFalseAlarms, 0.2, 0.5);
    }

    [Fact]
    public void Jensen_shannon_at_5000_detects_a_changed_mix_and_never_a_resample()
    {
        string[] names = ["a", "b", "c", "d"];
        (double falseAlarms, double detections) = Rates((rng, shift) =>
            CategoricalDrift.Compare("c",
                DriftSamples.Categories(rng, 5000, [4, 3, 2, 1], names),
                DriftSamples.Categories(rng, 2000, shift ? [2, 3, 2, 3] : [4, 3, 2, 1], names)).Drifted!.Value);
        Assert.Equal(0.0, falseAlarms);
        Assert.Equal(1.0, detections);
    }

    [Fact]
    public void Domain_classifier_at_400_documents_a_side_detects_new_vocabulary()
    {
        (double falseAlarms, double detections) = Rates((rng, shift) =>
            DomainClassifier.Test("t", DriftSamples.Documents(rng, 400, 300, 0), DriftSamples.Documents(rng, 400, 300, shift ? 30 : 0)).Drifted!.Value, 20);
        Assert.Equal(0.0, falseAlarms);
        Assert.Equal(1.0, detections);
    }

    [Fact]
    public void Mmd_at_100_vectors_a_side_detects_a_shift_in_one_of_8_dimensions()
    {
        const int dim = 8;
        float[] Sample(SeededRandom rng, double shift) => DriftSamples.Normal(rng, 100 * dim).Select((v, i) => (float)(v + (i % dim == 0 ? shift : 0))).ToArray();
        var options = new EmbeddingDriftOptions { Permutations = 100 };
        (double falseAlarms, double detections) = Rates((rng, shift) =>
            MaximumMeanDiscrepancy.Compare("e", Sample(rng, 0), Sample(rng, shift ? 1.0 : 0), dim, options).Drifted!.Value, 40);
        Assert.InRange(falseAlarms, 0.0, 0.125);
        Assert.True(detections >= 0.9, $"detection rate {detections}");
    }
}
