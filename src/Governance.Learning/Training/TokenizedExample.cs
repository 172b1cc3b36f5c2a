namespace Governance.Learning.Training;

/// <summary>
/// One tokenized text: token ids, attention mask (1 real token, 0 padding; same length as the ids) and its
/// class label (ignored for prediction). Produced by any tokenizer; the engine never sees text.
/// </summary>
public sealed record TokenizedExample(int[] InputIds, int[] AttentionMask, int Label = 0);
