namespace Governance.Web.Components.Pages.Overview;

/// <summary>What waits for the signed-in user, by the roles they hold.</summary>
public sealed record ActionItems(
    IReadOnlyList<ApprovalAction> Approvals,
    IReadOnlyList<FailedRunAction> FailedRuns,
    IReadOnlyList<GateFailureAction> GateFailures,
    IReadOnlyList<DriftBreachAction> DriftBreaches)
{
    public static readonly ActionItems None = new([], [], [], []);

    public int Count => Approvals.Count + FailedRuns.Count + GateFailures.Count + DriftBreaches.Count;
}

/// <summary>A pending request the user may decide, for the outstanding roles they hold.</summary>
public sealed record ApprovalAction(Guid Id, string Model, int Version, IReadOnlyList<string> ForRoles, string Initiator, DateTimeOffset ExpiresAt);

/// <summary>A failed run not followed by a newer run of the same model and job.</summary>
public sealed record FailedRunAction(Guid RunId, string? Model, string Kind, DateTimeOffset At, string? Error);

/// <summary>A model's newest version whose latest gate evaluation failed.</summary>
public sealed record GateFailureAction(string Model, int Version, IReadOnlyList<string> FailedRules, DateTimeOffset At);

/// <summary>A drift report over its thresholds that nobody has resolved.</summary>
public sealed record DriftBreachAction(string Model, Guid ReportId, double? Statistic, DateTimeOffset At);
