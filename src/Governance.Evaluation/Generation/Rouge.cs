using System.Text.RegularExpressions;

namespace Governance.Evaluation.Generation;

/// <summary>Precision, recall and F-measure of one ROUGE variant.</summary>
public sealed record RougeScore(double Precision, double Recall, double FMeasure);

/// <summary>Corpus ROUGE: the mean over segment pairs of each segment's scores (rouge-score's usual aggregation by mean).</summary>
/// <param name="Rouge1">Unigram overlap.</param>
/// <param name="Rouge2">Bigram overlap.</param>
/// <param name="RougeL">Longest common subsequence, per segment (not the summary-level "Lsum").</param>
/// <param name="Segments">Segment pairs scored.</param>
/// <param name="Method">Tokenisation and aggregation used.</param>
public sealed record RougeResult(RougeScore Rouge1, RougeScore Rouge2, RougeScore RougeL, int Segments, string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}

/// <summary>
/// ROUGE-1/2/L as Google's rouge-score package defines them without stemming: lowercase, every run of
/// characters outside [a-z0-9] becomes a separator; P = overlap / hypothesis n-grams,
/// R = overlap / reference n-grams, F = 2PR / (P + R) (0 when P + R = 0).
/// </summary>
public static partial class Rouge
{
    private const string Method = "rouge-score definition, no stemmer: lowercase, split on [^a-z0-9]+; F = 2PR/(P+R); corpus value = mean over segments";

    /// <summary>Scores each hypothesis against its reference and averages over segments.</summary>
    /// <exception cref="ArgumentException">Empty or mismatched lists.</exception>
    public static RougeResult Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<string> references)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(references);
        if (hypotheses.Count == 0) throw new ArgumentException("No hypotheses.", nameof(hypotheses));
        if (references.Count != hypotheses.Count)
            throw new ArgumentException($"{references.Count} references for {hypotheses.Count} hypotheses.", nameof(references));
        var sums = new double[9];
        for (int i = 0; i < hypotheses.Count; i++)
        {
            var (one, two, lcs) = Segment(hypotheses[i], references[i]);
            sums[0] += one.Precision; sums[1] += one.Recall; sums[2] += one.FMeasure;
            sums[3] += two.Precision; sums[4] += two.Recall; sums[5] += two.FMeasure;
            sums[6] += lcs.Precision; sums[7] += lcs.Recall; sums[8] += lcs.FMeasure;
        }
        double n = hypotheses.Count;
        return new RougeResult(new RougeScore(sums[0] / n, sums[1] / n, sums[2] / n), new RougeScore(sums[3] / n, sums[4] / n, sums[5] / n),
            new RougeScore(sums[6] / n, sums[7] / n, sums[8] / n), hypotheses.Count, Method);
    }

    /// <summary>ROUGE-1, ROUGE-2 and ROUGE-L of one hypothesis against one reference.</summary>
    public static (RougeScore Rouge1, RougeScore Rouge2, RougeScore RougeL) Segment(string hypothesis, string reference)
    {
        ArgumentNullException.ThrowIfNull(hypothesis);
        ArgumentNullException.ThrowIfNull(reference);
        string[] hyp = Tokenize(hypothesis), refTokens = Tokenize(reference);
        return (Overlap(hyp, refTokens, 1), Overlap(hyp, refTokens, 2), Lcs(hyp, refTokens));
    }

    /// <summary>rouge-score's default tokenisation without stemming.</summary>
    public static string[] Tokenize(string text) =>
        NonAlphanumeric().Replace(text.ToLowerInvariant(), " ").Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static RougeScore Overlap(string[] hyp, string[] reference, int n)
    {
        var refCounts = Bleu.NGramsOfOrder(reference, n);
        var hypCounts = Bleu.NGramsOfOrder(hyp, n);
        long overlap = 0;
        foreach (var (gram, count) in hypCounts)
            overlap += Math.Min(count, refCounts.GetValueOrDefault(gram));
        return FromCounts(overlap, Math.Max(0, hyp.Length - n + 1), Math.Max(0, reference.Length - n + 1));
    }

    private static RougeScore Lcs(string[] hyp, string[] reference)
    {
        // Dynamic programme over (hyp, reference) with two rows.
        var previous = new int[reference.Length + 1];
        var current = new int[reference.Length + 1];
        for (int i = 1; i <= hyp.Length; i++)
        {
            for (int j = 1; j <= reference.Length; j++)
                current[j] = hyp[i - 1] == reference[j - 1] ? previous[j - 1] + 1 : Math.Max(previous[j], current[j - 1]);
            (previous, current) = (current, previous);
        }
        return FromCounts(previous[reference.Length], hyp.Length, reference.Length);
    }

    private static RougeScore FromCounts(long overlap, long hypothesisCount, long referenceCount)
    {
        double precision = hypothesisCount == 0 ? 0 : (double)overlap / hypothesisCount;
        double recall = referenceCount == 0 ? 0 : (double)overlap / referenceCount;
        double f = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
        return new RougeScore(precision, recall, f);
    }

    [GeneratedRegex("[^a-z0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex NonAlphanumeric();
}
