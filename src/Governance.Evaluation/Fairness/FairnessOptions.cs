namespace Governance.Evaluation.Fairness;

/// <summary>Settings of a group-fairness evaluation; recorded in the report.</summary>
/// <param name="MinimumGroupSize">Groups with fewer members are reported as InsufficientSupport and left out of disparities.</param>
/// <param name="DisparateImpactLower">Lower edge of the acceptable selection-rate ratio band (four-fifths rule: 0.8).</param>
/// <param name="DisparateImpactUpper">Upper edge (1 / 0.8 = 1.25).</param>
/// <param name="ReferenceGroup">Group key the disparate-impact ratio is taken against; null = the largest eligible group.</param>
/// <param name="PositiveClass">Class treated as the favourable outcome for binary tasks.</param>
/// <param name="ExpectedGroups">Group keys that must be reported even without members (e.g. all values of a protected attribute).</param>
public sealed record FairnessOptions(int MinimumGroupSize = 30, double DisparateImpactLower = 0.8, double DisparateImpactUpper = 1.25,
    string? ReferenceGroup = null, int PositiveClass = 1, IReadOnlyList<string>? ExpectedGroups = null);
