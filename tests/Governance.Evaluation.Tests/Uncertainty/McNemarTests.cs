using Governance.Evaluation.Tests.Golden;
using Governance.Evaluation.Uncertainty;

namespace Governance.Evaluation.Tests.Uncertainty;

public class McNemarTests
{
    [Fact]
    public void P_values_match_scipy_binomtest_and_chi2()
    {
        foreach (var c in GoldenFile.Load("mcnemar.json").GetProperty("cases").EnumerateArray())
        {
            int b = c.GetProperty("b").GetInt32(), cc = c.GetProperty("c").GetInt32();
            var r = McNemar.FromCounts(100, b, cc, 7);
            if (b + cc < McNemar.DefaultExactBelow)
            {
                Assert.Equal("exact binomial", r.Method);
                Assert.Equal(c.Double("exact_p"), r.PValue, 1e-12);
            }
            else
            {
                Assert.Equal("chi-square with continuity correction", r.Method);
                Assert.Equal(c.Double("chi2"), r.Statistic!.Value, 1e-12);
                Assert.Equal(c.Double("chi2_p"), r.PValue, 1e-12);
            }
        }
    }

    [Fact]
    public void Counts_discordant_pairs_from_predictions()
    {
        int[] y = [1, 1, 0, 0, 1, 0];
        int[] a = [1, 0, 0, 1, 1, 1]; // right on 0, 2, 4
        int[] b = [1, 1, 1, 0, 0, 1]; // right on 0, 1, 3
        var r = McNemar.Test(y, a, b);
        Assert.Equal((1, 2, 2, 1), (r.BothCorrect, r.ChampionOnlyCorrect, r.ChallengerOnlyCorrect, r.BothWrong));
        Assert.Equal(1.0, r.PValue);
        Assert.Throws<ArgumentException>(() => McNemar.Test(y, a, [1]));
    }
}
