namespace Governance.Learning.Training;

/// <summary>
/// BERT masking: each real token that is not special is chosen with <paramref name="MaskProbability"/>; a chosen
/// token becomes [MASK] 80% of the time, a random token 10%, and stays 10%. Only chosen tokens are predicted.
/// </summary>
public sealed record MaskedLmOptions(int MaskTokenId, IReadOnlyCollection<int> SpecialTokenIds, float MaskProbability = 0.15f);
