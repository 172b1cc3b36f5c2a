using System.Text.Json.Serialization;

namespace Governance.Evaluation.Drift;

/// <summary>Which chi-square test categorical drift runs.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChiSquareForm>))]
public enum ChiSquareForm
{
    /// <summary>
    /// Goodness of fit (Evidently's form, the default): current counts against reference proportions
    /// taken as exact. Ignores the reference's own sampling noise, so with reference and current of
    /// similar size it flags far more than alpha of same-distribution resamples (36% at 300 vs 300,
    /// alpha 0.05, in our tests); calibrated only when the reference is much larger than the current sample.
    /// </summary>
    GoodnessOfFit,
    /// <summary>
    /// Test of homogeneity on the 2 x k table of reference and current counts (scipy.stats.chi2_contingency
    /// with correction=False): both samples are treated as samples, so the false-alarm rate is alpha.
    /// </summary>
    Homogeneity,
}
