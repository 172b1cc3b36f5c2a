using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Uncertainty;

/// <summary>McNemar's test result for two classifiers on the same examples.</summary>
/// <param name="BothCorrect">Rows both models got right.</param>
/// <param name="ChampionOnlyCorrect">b: champion right, challenger wrong.</param>
/// <param name="ChallengerOnlyCorrect">c: challenger right, champion wrong.</param>
/// <param name="BothWrong">Rows both got wrong.</param>
/// <param name="SampleSize">Rows.</param>
/// <param name="Method">"exact binomial" or "chi-square with continuity correction".</param>
/// <param name="Statistic">(|b - c| - 1)^2 / (b + c) for the chi-square variant; null for the exact test.</param>
/// <param name="PValue">Two-sided p-value for H0: both models have the same error rate.</param>
/// <param name="ExactBelow">Discordant count below which the exact test is used.</param>
public sealed record McNemarResult(int BothCorrect, int ChampionOnlyCorrect, int ChallengerOnlyCorrect, int BothWrong, int SampleSize,
    string Method, double? Statistic, double PValue, int ExactBelow)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}

/// <summary>
/// McNemar's test on discordant pairs. With b + c below <c>exactBelow</c> (default 25) the exact
/// two-sided binomial test (scipy.stats.binomtest(min(b,c), b+c, 0.5)) is used; otherwise the
/// chi-square statistic with continuity correction, 1 degree of freedom.
/// </summary>
public static class McNemar
{
    /// <summary>Default threshold for the exact test.</summary>
    public const int DefaultExactBelow = 25;

    /// <summary>Tests champion vs challenger predictions against the true labels.</summary>
    public static McNemarResult Test(ReadOnlySpan<int> actual, ReadOnlySpan<int> championPredicted, ReadOnlySpan<int> challengerPredicted,
        int exactBelow = DefaultExactBelow)
    {
        InputGuard.NotEmpty(actual, nameof(actual));
        InputGuard.SameLength(actual.Length, championPredicted.Length, nameof(championPredicted), nameof(actual));
        InputGuard.SameLength(actual.Length, challengerPredicted.Length, nameof(challengerPredicted), nameof(actual));
        int both = 0, championOnly = 0, challengerOnly = 0, neither = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            bool a = championPredicted[i] == actual[i], b = challengerPredicted[i] == actual[i];
            if (a && b) both++;
            else if (a) championOnly++;
            else if (b) challengerOnly++;
            else neither++;
        }
        return FromCounts(both, championOnly, challengerOnly, neither, exactBelow);
    }

    /// <summary>Tests from the 2x2 agreement table.</summary>
    public static McNemarResult FromCounts(int bothCorrect, int championOnlyCorrect, int challengerOnlyCorrect, int bothWrong,
        int exactBelow = DefaultExactBelow)
    {
        if (bothCorrect < 0 || championOnlyCorrect < 0 || challengerOnlyCorrect < 0 || bothWrong < 0)
            throw new ArgumentException("Counts must be non-negative.");
        int b = championOnlyCorrect, c = challengerOnlyCorrect, discordant = b + c;
        int n = bothCorrect + b + c + bothWrong;
        if (discordant < exactBelow)
            return new McNemarResult(bothCorrect, b, c, bothWrong, n, "exact binomial", null, ExactTwoSided(Math.Min(b, c), discordant), exactBelow);
        double statistic = Math.Pow(Math.Abs(b - c) - 1, 2) / discordant;
        return new McNemarResult(bothCorrect, b, c, bothWrong, n, "chi-square with continuity correction", statistic,
            SpecialFunctions.ChiSquareSurvival(statistic, 1), exactBelow);
    }

    // Two-sided exact binomial p for p = 1/2: min(1, 2 P(X <= k)), X ~ Bin(n, 1/2), k = min(b, c).
    private static double ExactTwoSided(int k, int n)
    {
        if (n == 0) return 1;
        double logHalfPowN = n * Math.Log(0.5), cdf = 0;
        for (int i = 0; i <= k; i++)
            cdf += Math.Exp(SpecialFunctions.LogGamma(n + 1) - SpecialFunctions.LogGamma(i + 1) - SpecialFunctions.LogGamma(n - i + 1) + logHalfPowN);
        return Math.Min(1, 2 * cdf);
    }
}
