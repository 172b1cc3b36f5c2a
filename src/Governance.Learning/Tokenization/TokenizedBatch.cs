namespace Governance.Learning.Tokenization;

/// <summary>
/// A batch of encoded texts as flat row-major arrays, ready for the engine: element [b, t] lives at
/// index <c>b * SequenceLength + t</c>. Padding positions hold the pad id and mask 0.
/// </summary>
/// <param name="InputIds">Token ids, shape (BatchSize, SequenceLength).</param>
/// <param name="AttentionMask">1 for real tokens, 0 for padding, shape (BatchSize, SequenceLength).</param>
/// <param name="BatchSize">Number of texts.</param>
/// <param name="SequenceLength">Tokens per row after padding.</param>
/// <param name="Lengths">Real (unpadded) length of each row.</param>
public sealed record TokenizedBatch(int[] InputIds, int[] AttentionMask, int BatchSize, int SequenceLength, int[] Lengths);

/// <summary>How <see cref="Tokenizer.EncodeBatch"/> pads rows.</summary>
public enum PaddingMode
{
    /// <summary>Every row is padded to the requested maximum length (fixed shapes for the engine).</summary>
    MaxLength,

    /// <summary>Rows are padded to the longest row in the batch.</summary>
    Longest,
}
