using System.Text.Json;
using Governance.Evaluation.Drift;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Drift;

public class CategoricalDriftTests
{
    private static string[] Repeat(params (string Label, int Count)[] parts) =>
        parts.SelectMany(p => Enumerable.Repeat(p.Label, p.Count)).ToArray();

    [Fact]
    public void Chi_square_hand_example_current_counts_against_reference_proportions()
    {
        // Reference 50/50; current 10 a, 30 b -> expected 20/20, chi2 = (100 + 100) / 20 = 10, df = 1.
        var goodnessOfFit = new ColumnDriftOptions { ChiSquareForm = ChiSquareForm.GoodnessOfFit };
        ColumnDriftResult r = CategoricalDrift.Compare("c", Repeat(("a", 5), ("b", 5)), Repeat(("a", 10), ("b", 30)), goodnessOfFit);
        Assert.Equal(DriftMethod.ChiSquare, r.Method);
        Assert.Equal(10.0, r.Statistic!.Value, 12);
        Assert.Equal(0.001565402258002549, r.PValue!.Value, 12);
        Assert.True(r.Drifted);
        Assert.Equal(["a", "b"], r.Histogram!.Categories);
        Assert.Equal([5L, 5L], r.Histogram.ReferenceCounts);
        Assert.Equal([10L, 30L], r.Histogram.CurrentCounts);
    }

    [Fact]
    public void The_default_chi_square_is_the_homogeneity_test()
    {
        // 2 x 2 table a/b by reference (5, 5) and current (10, 30): expected (3, 7) and (12, 28).
        ColumnDriftResult r = CategoricalDrift.Compare("c", Repeat(("a", 5), ("b", 5)), Repeat(("a", 10), ("b", 30)));
        Assert.Equal(DriftMethod.ChiSquare, r.Method);
        Assert.Equal((4.0 / 3) + (4.0 / 7) + (4.0 / 12) + (4.0 / 28), r.Statistic!.Value, 12);
    }

    [Fact]
    public void L_infinity_and_jensen_shannon_hand_examples()
    {
        string[] reference = Repeat(("a", 2), ("b", 2));
        string[] current = Repeat(("a", 1), ("b", 3));
        Assert.Equal(0.25, CategoricalDrift.Compare("c", reference, current, new ColumnDriftOptions { Method = DriftMethod.LInfinity }).Statistic!.Value, 14);

        ColumnDriftResult js = CategoricalDrift.Compare("c", Repeat(("a", 3)), Repeat(("b", 3)), new ColumnDriftOptions { Method = DriftMethod.JensenShannon });
        Assert.Equal(Math.Sqrt(Math.Log(2)), js.Statistic!.Value, 14); // disjoint supports: the maximum
        Assert.Equal(1.0, JensenShannon.Distance([1.0, 0.0], [0.0, 1.0], 2.0), 14);
    }

    [Fact]
    public void A_category_unseen_in_the_reference_makes_chi_square_infinite_and_serialisable()
    {
        ColumnDriftResult r = CategoricalDrift.Compare("c", Repeat(("a", 5), ("b", 5)), Repeat(("a", 5), ("b", 4), ("new", 1)), new ColumnDriftOptions { ChiSquareForm = ChiSquareForm.GoodnessOfFit });
        Assert.True(double.IsPositiveInfinity(r.Statistic!.Value));
        Assert.Equal(0.0, r.PValue);
        Assert.True(r.Drifted);
        Assert.Contains("absent from the reference", r.Detail);
        string json = JsonSerializer.Serialize(r);
        Assert.Contains("\"Infinity\"", json);
        Assert.True(double.IsPositiveInfinity(JsonSerializer.Deserialize<ColumnDriftResult>(json)!.Statistic!.Value));
    }

    [Theory]
    [InlineData(DriftMethod.PopulationStabilityIndex)]
    [InlineData(DriftMethod.JensenShannon)]
    [InlineData(DriftMethod.LInfinity)]
    public void Distances_are_zero_for_identical_samples(DriftMethod method)
    {
        string[] x = DriftSamples.Categories(new SeededRandom(1), 3000, [5, 3, 1, 0.5], ["a", "b", "c", "d"]);
        ColumnDriftResult r = CategoricalDrift.Compare("c", x, x, new ColumnDriftOptions { Method = method });
        Assert.Equal(0.0, r.Statistic!.Value, 14);
        Assert.False(r.Drifted);
    }

    [Fact]
    public void Default_is_chi_square_up_to_1000_then_jensen_shannon()
    {
        var rng = new SeededRandom(2);
        string[] names = ["x", "y"];
        Assert.Equal(DriftMethod.ChiSquare, CategoricalDrift.Compare("c", DriftSamples.Categories(rng, 1000, [1, 1], names), DriftSamples.Categories(rng, 10, [1, 1], names)).Method);
        ColumnDriftResult large = CategoricalDrift.Compare("c", DriftSamples.Categories(rng, 1001, [1, 1], names), DriftSamples.Categories(rng, 10, [1, 1], names));
        Assert.Equal(DriftMethod.JensenShannon, large.Method);
        Assert.Equal(0.1, large.Threshold);
    }

    [Fact]
    public void Null_labels_are_excluded_and_counted_or_rejected()
    {
        string?[] reference = ["a", null, "b", "a"];
        string?[] current = ["a", "b", null, null];
        ColumnDriftResult r = CategoricalDrift.Compare("c", reference, current);
        Assert.Equal(3, r.ReferenceCount);
        Assert.Equal(1, r.ReferenceExcluded);
        Assert.Equal(2, r.CurrentExcluded);
        Assert.Throws<ArgumentException>(() => CategoricalDrift.Compare("c", reference, current, new ColumnDriftOptions { NonFinite = NonFinitePolicy.Reject }));
        Assert.Null(CategoricalDrift.Compare("c", [null], ["a"]).Drifted);
    }

    [Fact]
    public void One_category_on_both_sides_is_no_drift()
    {
        ColumnDriftResult r = CategoricalDrift.Compare("c", ["a", "a"], ["a"]);
        Assert.Equal(1.0, r.PValue);
        Assert.False(r.Drifted);
    }

    [Fact]
    public void Chi_square_checks_its_inputs()
    {
        Assert.Throws<ArgumentException>(() => ChiSquareGoodnessOfFit.Test([1, 2], [1, 1]));
        Assert.Throws<ArgumentException>(() => ChiSquareGoodnessOfFit.Test([1], [1]));
        Assert.Throws<ArgumentException>(() => ChiSquareGoodnessOfFit.Test([1, -1], [0, 0]));
        Assert.Throws<ArgumentException>(() => CategoricalDrift.Compare("c", ["a"], ["a"], new ColumnDriftOptions { Method = DriftMethod.Wasserstein }));
    }
}
