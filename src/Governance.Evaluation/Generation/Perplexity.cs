using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Generation;

/// <summary>Perplexity and the numbers it came from.</summary>
/// <param name="Value">exp(total negative log-likelihood / tokens).</param>
/// <param name="MeanNegativeLogLikelihood">Cross-entropy in nats per token.</param>
/// <param name="Tokens">Tokens scored.</param>
/// <param name="Sequences">Sequences scored.</param>
/// <param name="Method">Definition used.</param>
public sealed record PerplexityResult(double Value, double MeanNegativeLogLikelihood, long Tokens, int Sequences, string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}

/// <summary>Perplexity from per-token natural-log likelihoods ln p(token | prefix).</summary>
public static class Perplexity
{
    private const string Method = "exp(-sum ln p / tokens) over all tokens of all sequences (token-weighted, natural log)";

    /// <summary>Corpus perplexity over sequences of token log-likelihoods (each value &lt;= 0, finite).</summary>
    /// <exception cref="ArgumentException">No tokens, a positive or non-finite log-likelihood.</exception>
    public static PerplexityResult FromLogLikelihoods(IReadOnlyList<double[]> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        double total = 0;
        long tokens = 0;
        for (int s = 0; s < sequences.Count; s++)
        {
            var sequence = sequences[s] ?? throw new ArgumentException($"Sequence {s} is null.", nameof(sequences));
            InputGuard.Finite(sequence, nameof(sequences));
            for (int t = 0; t < sequence.Length; t++)
            {
                if (sequence[t] > 0)
                    throw new ArgumentException($"Sequence {s}, token {t}: log-likelihood {sequence[t]} > 0; expected ln p <= 0.", nameof(sequences));
                total -= sequence[t];
            }
            tokens += sequence.Length;
        }
        if (tokens == 0) throw new ArgumentException("No tokens to score.", nameof(sequences));
        double mean = total / tokens;
        return new PerplexityResult(Math.Exp(mean), mean, tokens, sequences.Count, Method);
    }

    /// <summary>Perplexity of one sequence.</summary>
    public static PerplexityResult FromLogLikelihoods(double[] tokenLogLikelihoods) => FromLogLikelihoods([tokenLogLikelihoods]);
}
