namespace Governance.Learning.Nn;

/// <summary>The most probable class and the probability of every class.</summary>
public sealed record ClassPrediction(int Label, float[] Probabilities);
