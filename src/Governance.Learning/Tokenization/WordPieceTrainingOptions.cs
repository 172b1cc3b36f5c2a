namespace Governance.Learning.Tokenization;

/// <summary>How <see cref="WordPieceTrainer"/> learns a vocabulary.</summary>
public sealed record WordPieceTrainingOptions
{
    /// <summary>Target number of tokens, special tokens included (the reference model uses 8192).</summary>
    public int VocabSize { get; init; } = 8192;

    /// <summary>A pair seen fewer times than this is never merged.</summary>
    public int MinFrequency { get; init; } = 2;

    /// <summary>Only the most frequent characters become base tokens; words with other characters train nothing and encode as [UNK].</summary>
    public int MaxAlphabetSize { get; init; } = 500;

    /// <summary>Normalization, special tokens and word limits of the resulting tokenizer.</summary>
    public WordPieceOptions Tokenizer { get; init; } = new();

    internal void Validate()
    {
        Tokenizer.Validate();
        if (VocabSize <= Tokenizer.SpecialTokens.Count)
            throw new ArgumentException($"VocabSize must exceed the {Tokenizer.SpecialTokens.Count} special tokens, got {VocabSize}", nameof(VocabSize));
        if (MinFrequency < 1)
            throw new ArgumentException($"MinFrequency must be at least 1, got {MinFrequency}", nameof(MinFrequency));
        if (MaxAlphabetSize < 1)
            throw new ArgumentException($"MaxAlphabetSize must be at least 1, got {MaxAlphabetSize}", nameof(MaxAlphabetSize));
    }
}
