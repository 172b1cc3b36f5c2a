using Governance.Domain.Access;

namespace Governance.Domain.Releases;

/// <summary>What happens when a drift check finds a breach.</summary>
public enum DriftResponse
{
    /// <summary>Record the report and ask an ML engineer to decide.</summary>
    AskForRetrain,
    /// <summary>Record the report and start a retrain at once.</summary>
    Retrain,
}

/// <summary>
/// A versioned set of release gates and approval rules for one model. Changing a policy makes a new
/// version; candidates record the version they were judged by, so old decisions stay explainable.
/// </summary>
public sealed record ReleasePolicy
{
    public int Version { get; init; } = 1;
    public IReadOnlyList<GateRule> Gates { get; init; } = [];
    /// <summary>Roles that must each approve, each by a different person, none the initiator.</summary>
    public IReadOnlyList<string> RequiredApprovals { get; init; } = [Roles.MLEngineer, Roles.ComplianceOfficer];
    public TimeSpan ApprovalExpiry { get; init; } = TimeSpan.FromDays(14);
    /// <summary>Whether GPU training may run on a CPU worker when no GPU worker is online.</summary>
    public bool AllowCpuFallback { get; init; } = true;
    /// <summary>Whether the model's scheduled and drift-triggered retrains go to a GPU worker (falling back per <see cref="AllowCpuFallback"/>).</summary>
    public bool TrainOnGpu { get; init; }
    public DriftResponse OnDrift { get; init; } = DriftResponse.AskForRetrain;
    /// <summary>Whether prediction logs may keep raw text (after personal data is redacted).</summary>
    public bool StoreRawText { get; init; }

    /// <summary>The policy DESIGN.md describes: macro-F1 >= 0.90, no regression worse than 1 point, DI in [0.8, 1.25], EO gap <= 0.1, no drift.</summary>
    public static ReleasePolicy Default { get; } = new()
    {
        Gates =
        [
            new GateRule(GateKind.MinimumMetric, "macro_f1", 0.90),
            new GateRule(GateKind.NoRegression, "macro_f1", 0.01, Confidence: 0.95),
            new GateRule(GateKind.DisparateImpactBand, Threshold: 0.8, Upper: 1.25),
            new GateRule(GateKind.EqualizedOddsGap, Threshold: 0.1),
            new GateRule(GateKind.NoUnresolvedDrift),
        ],
    };

    public void Validate()
    {
        foreach (var gate in Gates)
        {
            gate.Validate();
        }
        if (RequiredApprovals.Count == 0)
        {
            throw DomainException.Invalid("A release policy needs at least one required approval.");
        }
        foreach (var role in RequiredApprovals)
        {
            if (!Roles.IsKnown(role))
            {
                throw DomainException.Invalid($"Unknown approval role '{role}'.");
            }
        }
        if (RequiredApprovals.Distinct().Count() != RequiredApprovals.Count)
        {
            throw DomainException.Invalid("Each required approval role may appear once.");
        }
        if (ApprovalExpiry <= TimeSpan.Zero)
        {
            throw DomainException.Invalid("Approval expiry must be positive.");
        }
    }
}
