namespace Governance.Evaluation.Drift;

/// <summary>Options for text drift; defaults are what the benchmark and tests use.</summary>
public sealed record TextDriftOptions
{
    /// <summary>Tokens read per document (the rest is ignored); default 2,000.</summary>
    public int MaxTokensPerDocument { get; init; } = 2000;
    /// <summary>Hashed feature space of the domain classifier is 2^FeatureBits; default 18 (262,144).</summary>
    public int FeatureBits { get; init; } = 18;
    /// <summary>Add token bigrams to the unigrams; default true.</summary>
    public bool Bigrams { get; init; } = true;
    /// <summary>Cross-validation folds (stratified); default 5.</summary>
    public int Folds { get; init; } = 5;
    /// <summary>SGD epochs per fold; default 2.</summary>
    public int Epochs { get; init; } = 2;
    /// <summary>SGD step; default 0.5 (rows are L2-normalised).</summary>
    public double LearningRate { get; init; } = 0.5;
    /// <summary>L2 penalty per step; default 1e-5.</summary>
    public double L2 { get; init; } = 1e-5;
    /// <summary>Seed for fold assignment and SGD order.</summary>
    public ulong Seed { get; init; } = 20261121;
    /// <summary>Domain classifier: drift when the mean cross-validated ROC-AUC &gt;= this; default 0.55.</summary>
    public double DomainClassifierThreshold { get; init; } = 0.55;
    /// <summary>Token distribution: drift when the Jensen-Shannon distance &gt;= this; default 0.1.</summary>
    public double TokenJensenShannonThreshold { get; init; } = 0.1;
    /// <summary>Out-of-vocabulary rate: drift when &gt;= this; default 0.1 (a heuristic; depends on the reference size).</summary>
    public double OutOfVocabularyThreshold { get; init; } = 0.1;
    /// <summary>Options for the document-length column (tokens per document); default size-based KS / Wasserstein.</summary>
    public ColumnDriftOptions Length { get; init; } = new();
    /// <summary>Tokens shown in the token histogram (most frequent over both samples); default 20.</summary>
    public int HistogramTokens { get; init; } = 20;

    internal void Validate()
    {
        if (MaxTokensPerDocument < 1 || FeatureBits is < 8 or > 26 || Folds < 2 || Epochs < 1 || !(LearningRate > 0) || !(L2 >= 0) || L2 * LearningRate >= 1 || HistogramTokens < 1)
        {
            throw new ArgumentException("Text drift options out of range: MaxTokensPerDocument >= 1, FeatureBits in [8, 26], Folds >= 2, Epochs >= 1, LearningRate > 0, 0 <= L2 * LearningRate < 1, HistogramTokens >= 1.");
        }
    }
}
