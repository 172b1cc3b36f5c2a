using Governance.Evaluation.Statistics;
using Governance.Evaluation.Tests.Golden;

namespace Governance.Evaluation.Tests.Statistics;

public class SpecialFunctionsTests
{
    private static readonly System.Text.Json.JsonElement Gold = GoldenFile.Load("special_functions.json");

    // Relative tolerance: the functions are series/continued fractions, accurate to ~1e-14 relative.
    private static void Close(double expected, double actual, double relative = 1e-12)
    {
        double scale = Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= relative * scale, $"expected {expected:R}, got {actual:R}");
    }

    [Fact]
    public void Normal_cdf_and_survival_match_scipy_including_far_tails()
    {
        foreach (var c in Gold.GetProperty("normal_cdf").EnumerateArray())
            Close(c.Double("value"), SpecialFunctions.NormalCdf(c.Double("x")));
        foreach (var c in Gold.GetProperty("normal_sf").EnumerateArray())
            Close(c.Double("value"), SpecialFunctions.NormalSurvival(c.Double("x")));
    }

    [Fact]
    public void Normal_quantile_matches_scipy_ppf()
    {
        foreach (var c in Gold.GetProperty("normal_ppf").EnumerateArray())
            Close(c.Double("value"), SpecialFunctions.NormalQuantile(c.Double("p")), 1e-11);
        Assert.Equal(double.NegativeInfinity, SpecialFunctions.NormalQuantile(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.NormalQuantile(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.NormalQuantile(double.NaN));
    }

    [Fact]
    public void Log_gamma_matches_scipy_and_factorials()
    {
        foreach (var c in Gold.GetProperty("log_gamma").EnumerateArray())
        {
            double expected = c.Double("value");
            // Near the zeros of lnGamma (x = 1, 2) compare absolutely.
            Assert.True(Math.Abs(expected - SpecialFunctions.LogGamma(c.Double("x"))) <= 1e-12 * Math.Max(1, Math.Abs(expected)));
        }
        Assert.Equal(Math.Log(120), SpecialFunctions.LogGamma(6), 12); // 5!
        Assert.Throws<ArgumentOutOfRangeException>(() => SpecialFunctions.LogGamma(0));
    }

    [Fact]
    public void Incomplete_gamma_chi_square_beta_and_erfc_match_scipy()
    {
        foreach (var c in Gold.GetProperty("gamma_p").EnumerateArray())
            Close(c.Double("value"), SpecialFunctions.RegularizedGammaP(c.Double("a"), c.Double("x")), 1e-11);
        foreach (var c in Gold.GetProperty("gamma_q").EnumerateArray())
            Close(c.Double("value"), SpecialFunctions.RegularizedGammaQ(c.Double("a"), c.Double("x")), 1e-11);
        foreach (var c in Gold.GetProperty("chi2_sf").EnumerateArray())
            Close(c.Double("value"), SpecialFunctions.ChiSquareSurvival(c.Double("x"), c.Double("df")), 1e-11);
        foreach (var c in Gold.GetProperty("beta_inc").EnumerateArray())
            Close(c.Double("value"), SpecialFunctions.RegularizedIncompleteBeta(c.Double("a"), c.Double("b"), c.Double("x")), 1e-11);
        foreach (var c in Gold.GetProperty("erfc").EnumerateArray())
            Close(c.Double("value"), SpecialFunctions.Erfc(c.Double("x")));
    }

    [Fact]
    public void Chi_square_with_two_degrees_of_freedom_is_exponential()
    {
        // Textbook: chi2(2) survival is exp(-x/2).
        Assert.Equal(Math.Exp(-3.0), SpecialFunctions.ChiSquareSurvival(6, 2), 14);
        Assert.Equal(1.0, SpecialFunctions.ChiSquareSurvival(0, 3));
    }
}
