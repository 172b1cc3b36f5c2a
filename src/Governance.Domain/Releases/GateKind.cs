namespace Governance.Domain.Releases;

/// <summary>The kinds of release gate a policy can hold.</summary>
public enum GateKind
{
    /// <summary>The candidate's metric (point estimate) is at least the threshold.</summary>
    MinimumMetric,
    /// <summary>The lower bound of the paired (candidate - production) interval is above -threshold.</summary>
    NoRegression,
    /// <summary>Every eligible group's disparate-impact ratio lies within [Threshold, Upper].</summary>
    DisparateImpactBand,
    /// <summary>The equalized-odds difference of every sensitive attribute is at most the threshold.</summary>
    EqualizedOddsGap,
    /// <summary>No drift report of the model is breached and unresolved.</summary>
    NoUnresolvedDrift,
}
