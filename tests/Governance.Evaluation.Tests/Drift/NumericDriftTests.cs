using Governance.Evaluation.Drift;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Drift;

public class NumericDriftTests
{
    [Fact]
    public void Ks_hand_example_equal_sizes()
    {
        // F_ref - F_cur peaks at x = 2: 2/4 - 0 = 0.5. P(D_{4,4} >= 1/2) = 2 (C(8,2) - C(8,0)) / C(8,4) = 54/70.
        KolmogorovSmirnovResult r = KolmogorovSmirnov.Test([1, 2, 3, 4], [3, 4, 5, 6]);
        Assert.Equal(0.5, r.Statistic, 15);
        Assert.True(r.Exact);
        Assert.Equal(27.0 / 35.0, r.PValue, 14);
    }

    [Fact]
    public void Ks_switches_to_asymptotic_above_ten_thousand()
    {
        var rng = new SeededRandom(1);
        Assert.True(KolmogorovSmirnov.Test(DriftSamples.Normal(rng, 10_000), DriftSamples.Normal(rng, 50)).Exact);
        Assert.False(KolmogorovSmirnov.Test(DriftSamples.Normal(rng, 10_001), DriftSamples.Normal(rng, 50)).Exact);
        Assert.True(KolmogorovSmirnov.Test(DriftSamples.Normal(rng, 10_001), DriftSamples.Normal(rng, 50), KsPValueMode.Exact).Exact);
    }

    [Fact]
    public void Wasserstein_hand_example_is_the_shift_and_normalises_by_population_std()
    {
        Assert.Equal(5.0, Wasserstein.Distance([0, 1, 3], [5, 6, 8]), 12);
        double std = Math.Sqrt(42.0 / 27.0);
        Assert.Equal(5.0 / std, Wasserstein.NormalizedDistance([0, 1, 3], [5, 6, 8]), 12);
        // Constant reference: the scale floor 0.001 applies.
        Assert.Equal(1.0 / 0.001, Wasserstein.NormalizedDistance([2, 2, 2], [3, 3, 3]), 6);
    }

    [Fact]
    public void Psi_hand_example_from_counts()
    {
        double expected = (0.25 * Math.Log(2)) + (-0.25 * Math.Log(0.5 / 0.75));
        Assert.Equal(expected, PopulationStabilityIndex.FromCounts([50, 50], [25, 75]), 14);
        // Empty current bin: epsilon 1e-4 stands in for 0.
        double withEmpty = ((0.5 - 1e-4) * Math.Log(0.5 / 1e-4)) + ((0.5 - 1.0) * Math.Log(0.5 / 1.0));
        Assert.Equal(withEmpty, PopulationStabilityIndex.FromCounts([5, 5], [0, 8]), 12);
    }

    [Theory]
    [InlineData(DriftMethod.PopulationStabilityIndex)]
    [InlineData(DriftMethod.JensenShannon)]
    [InlineData(DriftMethod.Wasserstein)]
    public void Distances_are_zero_for_identical_samples(DriftMethod method)
    {
        double[] x = DriftSamples.Normal(new SeededRandom(3), 5000);
        ColumnDriftResult r = NumericDrift.Compare("x", x, x, new ColumnDriftOptions { Method = method });
        Assert.Equal(0.0, r.Statistic!.Value, 12);
        Assert.False(r.Drifted);
    }

    [Fact]
    public void Default_method_is_ks_up_to_1000_reference_values_then_wasserstein()
    {
        var rng = new SeededRandom(4);
        Assert.Equal(DriftMethod.KolmogorovSmirnov, NumericDrift.Compare("x", DriftSamples.Normal(rng, 1000), DriftSamples.Normal(rng, 20)).Method);
        ColumnDriftResult large = NumericDrift.Compare("x", DriftSamples.Normal(rng, 1001), DriftSamples.Normal(rng, 20));
        Assert.Equal(DriftMethod.Wasserstein, large.Method);
        Assert.True(large.MethodIsDefault);
        Assert.Equal(0.1, large.Threshold);
        ColumnDriftResult overridden = NumericDrift.Compare("x", DriftSamples.Normal(rng, 1001), DriftSamples.Normal(rng, 20), new ColumnDriftOptions { Method = DriftMethod.PopulationStabilityIndex, Threshold = 0.25 });
        Assert.Equal(DriftMethod.PopulationStabilityIndex, overridden.Method);
        Assert.False(overridden.MethodIsDefault);
        Assert.Equal(0.25, overridden.Threshold);
    }

    [Fact]
    public void Columns_with_at_most_five_distinct_values_are_compared_as_categories()
    {
        double[] flagsRef = [.. Enumerable.Repeat(0.0, 60), .. Enumerable.Repeat(1.0, 40)];
        double[] flagsCur = [.. Enumerable.Repeat(0.0, 30), .. Enumerable.Repeat(1.0, 70)];
        ColumnDriftResult small = NumericDrift.Compare("flag", flagsRef, flagsCur, new ColumnDriftOptions { ChiSquareForm = ChiSquareForm.GoodnessOfFit });
        Assert.Equal(DriftMethod.ChiSquare, small.Method);
        Assert.Equal(ColumnKind.Numeric, small.Kind);
        Assert.Equal(["0", "1"], small.Histogram!.Categories);
        Assert.Equal([30L, 70L], small.Histogram.CurrentCounts);
        Assert.Equal((((30 - 60) * (30 - 60)) / 60.0) + (((70 - 40) * (70 - 40)) / 40.0), small.Statistic!.Value, 12);

        double[] largeRef = [.. Enumerable.Range(0, 3000).Select(i => (double)(i % 5))];
        Assert.Equal(DriftMethod.JensenShannon, NumericDrift.Compare("grade", largeRef, largeRef).Method);
        double[] six = [.. Enumerable.Range(0, 3000).Select(i => (double)(i % 6))];
        Assert.Equal(DriftMethod.Wasserstein, NumericDrift.Compare("grade", six, six).Method);
        Assert.Equal(DriftMethod.KolmogorovSmirnov, NumericDrift.Compare("flag", flagsRef, flagsCur, new ColumnDriftOptions { Method = DriftMethod.KolmogorovSmirnov }).Method);
    }

    [Fact]
    public void Results_carry_sizes_histograms_and_p_values()
    {
        var rng = new SeededRandom(5);
        ColumnDriftResult r = NumericDrift.Compare("age", DriftSamples.Normal(rng, 300), DriftSamples.Normal(rng, 200, 1.0));
        Assert.Equal(300, r.ReferenceCount);
        Assert.Equal(200, r.CurrentCount);
        Assert.NotNull(r.PValue);
        Assert.True(r.Drifted);
        Assert.Equal(30, r.Histogram!.ReferenceCounts.Count);
        Assert.Equal(31, r.Histogram.BinEdges!.Count);
        Assert.Equal(300, r.Histogram.ReferenceCounts.Sum());
        Assert.Equal(200, r.Histogram.CurrentCounts.Sum());

        ColumnDriftResult psi = NumericDrift.Compare("age", DriftSamples.Normal(rng, 1000), DriftSamples.Normal(rng, 700), new ColumnDriftOptions { Method = DriftMethod.PopulationStabilityIndex });
        Assert.True(psi.Histogram!.OpenEnded);
        Assert.Equal(10, psi.Histogram.ReferenceCounts.Count);
        Assert.All(psi.Histogram.ReferenceCounts, c => Assert.Equal(100, c)); // deciles of the reference itself
        Assert.Null(psi.PValue);
    }

    [Fact]
    public void A_prepared_reference_gives_the_same_result()
    {
        var rng = new SeededRandom(8);
        double[] reference = DriftSamples.Normal(rng, 5000);
        double[] current = DriftSamples.Normal(rng, 3000, 0.05);
        NumericReference prepared = NumericReference.Create(reference);
        foreach (DriftMethod method in new[] { DriftMethod.KolmogorovSmirnov, DriftMethod.Wasserstein, DriftMethod.PopulationStabilityIndex, DriftMethod.JensenShannon })
        {
            var options = new ColumnDriftOptions { Method = method };
            Assert.Equal(NumericDrift.Compare("x", reference, current, options).Statistic, NumericDrift.Compare("x", prepared, current, options).Statistic);
        }

        NumericReference withNan = NumericReference.Create([1.0, double.NaN, 2.0]);
        Assert.Equal(1, withNan.Excluded);
        Assert.Throws<ArgumentException>(() => NumericDrift.Compare("x", withNan, [1.0], new ColumnDriftOptions { NonFinite = NonFinitePolicy.Reject }));
    }

    [Fact]
    public void Non_finite_values_are_excluded_and_counted_or_rejected()
    {
        double[] reference = [1, 2, double.NaN, 3, double.PositiveInfinity, 4];
        double[] current = [2, 3, 4, double.NegativeInfinity];
        ColumnDriftResult r = NumericDrift.Compare("x", reference, current, new ColumnDriftOptions { Method = DriftMethod.KolmogorovSmirnov });
        Assert.Equal(4, r.ReferenceCount);
        Assert.Equal(2, r.ReferenceExcluded);
        Assert.Equal(3, r.CurrentCount);
        Assert.Equal(1, r.CurrentExcluded);
        Assert.Equal(KolmogorovSmirnov.Test([1, 2, 3, 4], [2, 3, 4]).PValue, r.PValue);

        var ex = Assert.Throws<ArgumentException>(() => NumericDrift.Compare("x", reference, current, new ColumnDriftOptions { NonFinite = NonFinitePolicy.Reject }));
        Assert.Contains("NaN or infinite", ex.Message);
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.Test(reference, current));
    }

    [Fact]
    public void Empty_or_all_nan_column_gives_an_undefined_result()
    {
        ColumnDriftResult r = NumericDrift.Compare("x", [double.NaN, double.NaN], [1.0, 2.0]);
        Assert.Null(r.Statistic);
        Assert.Null(r.Drifted);
        Assert.Contains("reference", r.UndefinedReason);
        Assert.Null(NumericDrift.Compare("x", [1.0], []).Drifted);
        Assert.Throws<ArgumentException>(() => KolmogorovSmirnov.Test([], [1.0]));
    }

    [Fact]
    public void Categorical_methods_are_refused_for_numbers()
    {
        Assert.Throws<ArgumentException>(() => NumericDrift.Compare("x", [1.0, 2.0], [1.0], new ColumnDriftOptions { Method = DriftMethod.ChiSquare }));
        Assert.Throws<ArgumentException>(() => NumericDrift.Compare("x", [1.0, 2.0], [1.0], new ColumnDriftOptions { PsiBins = 1 }));
        Assert.Throws<ArgumentException>(() => NumericDrift.Compare("x", [1.0, 2.0], [1.0], new ColumnDriftOptions { Method = DriftMethod.KolmogorovSmirnov, Threshold = 5 }));
        Assert.Throws<ArgumentException>(() => NumericDrift.Compare("x", [1.0, 2.0], [1.0], new ColumnDriftOptions { Method = DriftMethod.Wasserstein, Threshold = -0.1 }));
    }

    [Fact]
    public void Radix_sort_agrees_with_array_sort_on_awkward_values()
    {
        var rng = new SeededRandom(6);
        double[] x = new double[20_000];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (i % 7) switch
            {
                0 => -0.0,
                1 => 0.0,
                2 => double.Epsilon * (rng.NextDouble() - 0.5) * 10,
                3 => (rng.NextDouble() - 0.5) * 1e300,
                4 => Math.Round(rng.NextDouble() * 5),
                5 => (rng.NextDouble() < 0.5 ? -1 : 1) * (1.0 + (rng.NextInt(1000) * Math.Pow(2, -52))), // differ only in the low bits
                _ => (rng.NextDouble() - 0.5) * 1e-3,
            };
        }

        x[17] = double.MaxValue;
        x[18] = double.MinValue;
        double[] expected = (double[])x.Clone();
        Array.Sort(expected);
        double[] actual = RadixSort.SortFinite(x, out long nonFinite);
        Assert.Equal(0, nonFinite);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i] == actual[i], $"index {i}: {expected[i]} vs {actual[i]}");
        }
    }
}
