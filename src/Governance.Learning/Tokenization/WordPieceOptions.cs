namespace Governance.Learning.Tokenization;

/// <summary>Settings of a BERT-style WordPiece tokenizer (those a vocab.txt file does not carry).</summary>
public sealed record WordPieceOptions
{
    /// <summary>Lowercase the text (bert-base-uncased: true).</summary>
    public bool Lowercase { get; init; } = true;

    /// <summary>Strip accents (NFD, drop Mn); null means "same as <see cref="Lowercase"/>", as in BERT.</summary>
    public bool? StripAccents { get; init; }

    /// <summary>Make each CJK ideograph its own word.</summary>
    public bool HandleChineseChars { get; init; } = true;

    /// <summary>Longer words become the unknown token (BERT: 100).</summary>
    public int MaxInputCharsPerWord { get; init; } = 100;

    /// <summary>Marks a piece that continues a word.</summary>
    public string ContinuationPrefix { get; init; } = "##";

    /// <summary>Unknown token.</summary>
    public string UnknownToken { get; init; } = "[UNK]";

    /// <summary>Padding token.</summary>
    public string PadToken { get; init; } = "[PAD]";

    /// <summary>Classification token put before the text.</summary>
    public string ClsToken { get; init; } = "[CLS]";

    /// <summary>Separator token put after the text.</summary>
    public string SepToken { get; init; } = "[SEP]";

    /// <summary>Mask token for masked-language modelling (optional in a vocabulary).</summary>
    public string MaskToken { get; init; } = "[MASK]";

    /// <summary>The five special tokens in BERT's customary order.</summary>
    public IReadOnlyList<string> SpecialTokens => [PadToken, UnknownToken, ClsToken, SepToken, MaskToken];

    internal void Validate()
    {
        if (MaxInputCharsPerWord < 1)
            throw new ArgumentException($"MaxInputCharsPerWord must be at least 1, got {MaxInputCharsPerWord}", nameof(MaxInputCharsPerWord));
        if (string.IsNullOrEmpty(ContinuationPrefix))
            throw new ArgumentException("ContinuationPrefix must not be empty", nameof(ContinuationPrefix));
        var specials = SpecialTokens;
        if (specials.Any(string.IsNullOrEmpty))
            throw new ArgumentException("special tokens must not be empty", nameof(SpecialTokens));
        if (specials.Distinct(StringComparer.Ordinal).Count() != specials.Count)
            throw new ArgumentException("special tokens must be distinct", nameof(SpecialTokens));
    }
}
