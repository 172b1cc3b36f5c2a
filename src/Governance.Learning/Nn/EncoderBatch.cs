namespace Governance.Learning.Nn;

/// <summary>
/// A padded batch: <paramref name="InputIds"/> and <paramref name="AttentionMask"/> are (BatchSize, SeqLen) row-major;
/// mask 1 marks real tokens, 0 padding.
/// </summary>
public sealed record EncoderBatch(int[] InputIds, int[] AttentionMask, int BatchSize, int SeqLen)
{
    /// <summary>Number of real (unmasked) tokens.</summary>
    public int TokenCount => AttentionMask.Count(m => m != 0);
}
