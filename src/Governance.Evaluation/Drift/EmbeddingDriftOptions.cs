namespace Governance.Evaluation.Drift;

/// <summary>Options for embedding drift (MMD with a permutation test).</summary>
public sealed record EmbeddingDriftOptions
{
    /// <summary>Permutations for the p-value; default 200 (p-values resolve to 1/201).</summary>
    public int Permutations { get; init; } = 200;
    /// <summary>Seed for subsampling and permutations.</summary>
    public ulong Seed { get; init; } = 20261121;
    /// <summary>Each side is subsampled (seeded, without replacement) to at most this many vectors; default 1,000, at most 3,000, since time is O((n+m)^2 d) and memory 8 (n+m)^2 bytes.</summary>
    public int MaxSamplesPerSide { get; init; } = 1000;
    /// <summary>Significance level: drift when p &lt; this; default 0.05.</summary>
    public double Threshold { get; init; } = 0.05;
    /// <summary>Fixed RBF bandwidth sigma; null uses the median heuristic.</summary>
    public double? Bandwidth { get; init; }
}
