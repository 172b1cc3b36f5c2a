namespace Governance.Evaluation.Fairness;

/// <summary>A sensitive attribute column: one value per example (null = missing, its own group).</summary>
public sealed record SensitiveAttribute(string Name, IReadOnlyList<string?> Values);
