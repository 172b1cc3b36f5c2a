using Governance.Domain.Jobs;
using Governance.Domain.Registry;

namespace Governance.Web.Components.Pages.Overview;

/// <summary>One model's line on the overview: what is in production and what is moving.</summary>
public sealed record ModelOverview(
    string Name,
    RiskTier RiskTier,
    int? ProductionVersion,
    RetrainSummary? LastRetrain,
    DriftSummary? Drift,
    CandidateSummary? Candidate,
    IReadOnlyList<PendingApprovalSummary> PendingApprovals,
    IReadOnlyList<NextRunSummary> NextRuns);

/// <summary>The model's newest Retrain run.</summary>
public sealed record RetrainSummary(Guid RunId, JobRunStatus Status, DateTimeOffset At);

/// <summary>The model's newest drift report: its verdict and whether a breach was resolved.</summary>
public sealed record DriftSummary(Guid ReportId, bool Breached, bool Resolved, DateTimeOffset At)
{
    public string Verdict => !Breached ? "within thresholds" : Resolved ? "breach resolved" : "breached";
}

/// <summary>
/// The newest version when it is not (or no longer) in production, with its latest gate result:
/// <see cref="GatesPassed"/> null when it was never gated.
/// </summary>
public sealed record CandidateSummary(int Number, ModelStage Stage, bool? GatesPassed, IReadOnlyList<string> FailedRules);

/// <summary>A pending approval request of one of the model's versions and the roles it still waits for.</summary>
public sealed record PendingApprovalSummary(Guid Id, int Version, IReadOnlyList<string> OutstandingRoles);

/// <summary>The next time an enabled schedule fires, in the schedule's zone.</summary>
public sealed record NextRunSummary(string Kind, DateTimeOffset At, string TimeZoneId);

/// <summary>A page of models by name; <see cref="NextAfter"/> is the keyset for the next page (null on the last).</summary>
public sealed record ModelOverviewPage(IReadOnlyList<ModelOverview> Models, string? NextAfter);
