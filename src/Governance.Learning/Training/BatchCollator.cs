using Governance.Learning.Nn;

namespace Governance.Learning.Training;

/// <summary>Pads a list of examples to the longest one with the pad id and mask 0.</summary>
public static class BatchCollator
{
    /// <summary>
    /// Builds the padded batch; throws when an example is empty, malformed or longer than <paramref name="maxLength"/>.
    /// The length is rounded up to a multiple of 8 (capped at <paramref name="maxLength"/>): masked padding does not
    /// change the outputs of real tokens, and fewer distinct shapes keep the buffer pool small.
    /// </summary>
    public static EncoderBatch Collate(IReadOnlyList<TokenizedExample> examples, int padTokenId, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(examples);
        if (examples.Count == 0) throw new ArgumentException("Cannot build a batch from no examples.", nameof(examples));
        var seqLen = 0;
        for (var i = 0; i < examples.Count; i++)
        {
            var e = examples[i] ?? throw new ArgumentException($"Example {i} is null.", nameof(examples));
            if (e.InputIds is null || e.AttentionMask is null || e.InputIds.Length != e.AttentionMask.Length)
                throw new ArgumentException($"Example {i}: InputIds and AttentionMask must have the same length.", nameof(examples));
            if (e.InputIds.Length == 0) throw new ArgumentException($"Example {i} has no tokens.", nameof(examples));
            if (e.InputIds.Length > maxLength)
                throw new ArgumentException($"Example {i} has {e.InputIds.Length} tokens, more than max_position_embeddings {maxLength}; truncate it.", nameof(examples));
            seqLen = Math.Max(seqLen, e.InputIds.Length);
        }
        seqLen = Math.Min(maxLength, (seqLen + 7) / 8 * 8);
        var ids = new int[examples.Count * seqLen];
        var mask = new int[examples.Count * seqLen];
        Array.Fill(ids, padTokenId);
        for (var i = 0; i < examples.Count; i++)
        {
            examples[i].InputIds.CopyTo(ids, i * seqLen);
            examples[i].AttentionMask.CopyTo(mask, i * seqLen);
        }
        return new EncoderBatch(ids, mask, examples.Count, seqLen);
    }
}
