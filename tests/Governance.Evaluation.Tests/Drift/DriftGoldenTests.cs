using System.Text.Json;
using Governance.Evaluation.Drift;

namespace Governance.Evaluation.Tests.Drift;

/// <summary>Drift statistics against SciPy 1.10 values written by Golden/make_golden_drift.py.</summary>
public class DriftGoldenTests
{
    [Fact]
    public void Ks_statistic_and_exact_p_value_match_scipy_ks_2samp_exact()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("ks").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            double[] a = DriftGolden.Doubles(c.GetProperty("reference"));
            double[] b = DriftGolden.Doubles(c.GetProperty("current"));
            KolmogorovSmirnovResult r = KolmogorovSmirnov.Test(a, b, KsPValueMode.Exact);
            Assert.True(r.Exact, name);
            DriftGolden.Close(c.GetProperty("statistic").GetDouble(), r.Statistic, 1e-12, name + " D");
            DriftGolden.RelativeClose(c.GetProperty("exactPValue").GetDouble(), r.PValue, 1e-9, name + " p exact");

            KolmogorovSmirnovResult auto = KolmogorovSmirnov.Test(a, b);
            DriftGolden.RelativeClose(c.GetProperty("autoPValue").GetDouble(), auto.PValue, 1e-9, name + " p auto");
        }
    }

    [Fact]
    public void Ks_asymptotic_p_value_is_the_kolmogorov_limit_and_near_scipy_asymp()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("ks").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            double[] a = DriftGolden.Doubles(c.GetProperty("reference"));
            double[] b = DriftGolden.Doubles(c.GetProperty("current"));
            KolmogorovSmirnovResult r = KolmogorovSmirnov.Test(a, b, KsPValueMode.Asymptotic);
            Assert.False(r.Exact);
            DriftGolden.RelativeClose(c.GetProperty("kolmogorovLimitPValue").GetDouble(), r.PValue, 1e-9, name + " Q(lambda)");
            if (c.GetProperty("scipyAsymptoticPValue").ValueKind == JsonValueKind.Number)
            {
                // Documented difference: SciPy's asymp uses the finite-n one-sample distribution kstwo.
                Assert.InRange(r.PValue - c.GetProperty("scipyAsymptoticPValue").GetDouble(), -0.06, 0.06);
            }
        }
    }

    [Fact]
    public void Ks_exact_p_value_matches_scipy_for_sizes_up_to_ten_thousand()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("ksExact").EnumerateArray())
        {
            int n1 = c.GetProperty("n1").GetInt32(), n2 = c.GetProperty("n2").GetInt32();
            long h = c.GetProperty("h").GetInt64();
            double p = KolmogorovDistribution.ExactSurvival(n1, n2, h);
            DriftGolden.RelativeClose(c.GetProperty("pValue").GetDouble(), p, 1e-9, $"n1={n1} n2={n2} h={h}");
        }
    }

    [Fact]
    public void Kolmogorov_limit_matches_scipy_kstwobign_sf()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("kolmogorovLimit").EnumerateArray())
        {
            double lambda = c.GetProperty("lambda").GetDouble();
            DriftGolden.RelativeClose(c.GetProperty("sf").GetDouble(), KolmogorovDistribution.LimitingSurvival(lambda), 1e-9, $"lambda={lambda}");
        }
    }

    [Fact]
    public void Wasserstein_matches_scipy_wasserstein_distance()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("wasserstein").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            double[] a = DriftGolden.Doubles(c.GetProperty("reference"));
            double[] b = DriftGolden.Doubles(c.GetProperty("current"));
            DriftGolden.Close(c.GetProperty("distance").GetDouble(), Wasserstein.Distance(a, b), 1e-9, name);
            DriftGolden.Close(c.GetProperty("normalized").GetDouble(), Wasserstein.NormalizedDistance(a, b), 1e-9, name + " normalised");
        }
    }

    [Fact]
    public void Jensen_shannon_matches_scipy_jensenshannon_in_both_bases()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("jensenShannon").EnumerateArray())
        {
            double[] p = DriftGolden.Doubles(c.GetProperty("p"));
            double[] q = DriftGolden.Doubles(c.GetProperty("q"));
            DriftGolden.Close(c.GetProperty("natural").GetDouble(), JensenShannon.Distance(p, q), 1e-9, "natural log");
            DriftGolden.Close(c.GetProperty("base2").GetDouble(), JensenShannon.Distance(p, q, 2.0), 1e-9, "base 2");
        }
    }

    [Fact]
    public void Chi_square_matches_scipy_chisquare()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("chiSquare").EnumerateArray())
        {
            double[] o = DriftGolden.Doubles(c.GetProperty("observed"));
            double[] e = DriftGolden.Doubles(c.GetProperty("expected"));
            ChiSquareResult r = ChiSquareGoodnessOfFit.Test(o, e);
            DriftGolden.Close(c.GetProperty("statistic").GetDouble(), r.Statistic, 1e-9, "statistic");
            DriftGolden.RelativeClose(c.GetProperty("pValue").GetDouble(), r.PValue, 1e-9, "p-value");
        }
    }

    [Fact]
    public void Chi_square_homogeneity_matches_scipy_chi2_contingency_without_correction()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("chiSquareHomogeneity").EnumerateArray())
        {
            long[] a = Array.ConvertAll(DriftGolden.Doubles(c.GetProperty("reference")), v => (long)v);
            long[] b = Array.ConvertAll(DriftGolden.Doubles(c.GetProperty("current")), v => (long)v);
            ChiSquareResult r = ChiSquareGoodnessOfFit.Homogeneity(a, b);
            Assert.Equal(c.GetProperty("dof").GetInt32(), r.DegreesOfFreedom);
            DriftGolden.Close(c.GetProperty("statistic").GetDouble(), r.Statistic, 1e-9, "statistic");
            DriftGolden.RelativeClose(c.GetProperty("pValue").GetDouble(), r.PValue, 1e-9, "p-value");
        }
    }

    [Fact]
    public void Psi_on_reference_quantile_bins_matches_the_numpy_reference()
    {
        foreach (JsonElement c in DriftGolden.Root.GetProperty("psi").EnumerateArray())
        {
            string name = c.GetProperty("name").GetString()!;
            double[] a = DriftGolden.Doubles(c.GetProperty("reference"));
            double[] b = DriftGolden.Doubles(c.GetProperty("current"));
            var options = new ColumnDriftOptions
            {
                Method = DriftMethod.PopulationStabilityIndex,
                PsiBins = c.GetProperty("bins").GetInt32(),
                PsiEpsilon = c.GetProperty("epsilon").GetDouble(),
            };
            ColumnDriftResult r = NumericDrift.Compare(name, a, b, options);
            DriftGolden.Close(c.GetProperty("psi").GetDouble(), r.Statistic!.Value, 1e-9, name);
        }
    }
}
