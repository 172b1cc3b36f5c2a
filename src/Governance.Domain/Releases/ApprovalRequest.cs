using Governance.Domain.Access;

namespace Governance.Domain.Releases;

/// <summary>
/// A request to release a candidate version. It holds the evidence it is decided on (a hash of the
/// evaluation, bias and drift records) and enforces the four-eyes rules: every required role approves,
/// each by a different person, and nobody approves a run they started. One reasoned rejection ends it.
/// </summary>
public sealed class ApprovalRequest
{
    private ApprovalRequest()
    {
    }

    public Guid Id { get; private set; }
    public Guid ModelVersionId { get; private set; }
    /// <summary>The user (or job's initiator) who started the run that produced the candidate.</summary>
    public string Initiator { get; private set; } = "";
    public List<string> RequiredRoles { get; private set; } = [];
    /// <summary>SHA-256 (hex) over the evidence snapshot the decision is made on.</summary>
    public string EvidenceHash { get; private set; } = "";
    /// <summary>JSON: ids and hashes of the evaluation, bias and drift records and the gate results.</summary>
    public string Evidence { get; private set; } = "{}";
    public int PolicyVersion { get; private set; }
    public ApprovalStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public List<ApprovalDecision> Decisions { get; private set; } = [];

    public static ApprovalRequest Open(Guid modelVersionId, string initiator, ReleasePolicy policy, string evidence, string evidenceHash, DateTimeOffset now)
    {
        if (!Registry.ContentHash.IsValid(evidenceHash))
        {
            throw DomainException.Invalid("An approval request needs the SHA-256 of its evidence.");
        }
        return new ApprovalRequest
        {
            Id = Guid.CreateVersion7(now),
            ModelVersionId = modelVersionId,
            Initiator = initiator,
            RequiredRoles = [.. policy.RequiredApprovals],
            EvidenceHash = evidenceHash,
            Evidence = evidence,
            PolicyVersion = policy.Version,
            Status = ApprovalStatus.Pending,
            CreatedAt = now,
            ExpiresAt = now + policy.ApprovalExpiry,
        };
    }

    /// <summary>Roles still waiting for an approval.</summary>
    public IReadOnlyList<string> OutstandingRoles =>
        RequiredRoles.Where(r => !Decisions.Any(d => d.Verdict == ApprovalVerdict.Approve && d.Role == r)).ToList();

    /// <summary>Marks the request expired if its time is up; returns whether it did.</summary>
    public bool ExpireIfDue(DateTimeOffset now)
    {
        if (Status != ApprovalStatus.Pending || now < ExpiresAt)
        {
            return false;
        }
        Status = ApprovalStatus.Expired;
        ClosedAt = now;
        return true;
    }

    /// <summary>
    /// Records a decision by <paramref name="userName"/>, who holds <paramref name="userRoles"/>. The role
    /// the decision counts for is the first outstanding required role the user holds. Throws with the rule
    /// that was broken when the decision is not allowed.
    /// </summary>
    public ApprovalDecision Decide(string userName, IReadOnlyCollection<string> userRoles, ApprovalVerdict verdict, string? reason, DateTimeOffset now)
    {
        ExpireIfDue(now);
        if (Status != ApprovalStatus.Pending)
        {
            throw DomainException.Conflict($"This request is {Status.ToString().ToLowerInvariant()}; no more decisions are taken.");
        }
        if (string.Equals(userName, Initiator, StringComparison.OrdinalIgnoreCase))
        {
            throw DomainException.Forbidden("Four-eyes rule: you started the run that produced this candidate, so someone else must decide.");
        }
        if (Decisions.Any(d => string.Equals(d.UserName, userName, StringComparison.OrdinalIgnoreCase)))
        {
            throw DomainException.Forbidden("Four-eyes rule: you have already decided on this request; a second approval must come from a different person.");
        }
        var eligible = RequiredRoles.Where(userRoles.Contains).ToList();
        if (eligible.Count == 0)
        {
            throw DomainException.Forbidden($"Deciding needs one of the roles {string.Join(", ", RequiredRoles)}.");
        }
        var role = verdict == ApprovalVerdict.Approve
            ? OutstandingRoles.FirstOrDefault(eligible.Contains)
                ?? throw DomainException.Forbidden($"The {string.Join(" and ", eligible)} approval is already given; the outstanding approvals need {string.Join(", ", OutstandingRoles)}.")
            : eligible[0];
        reason = reason?.Trim() ?? "";
        if (verdict == ApprovalVerdict.Reject && reason.Length == 0)
        {
            throw DomainException.Invalid("A rejection needs a reason.");
        }
        if (reason.Length > 4000)
        {
            throw DomainException.Invalid("The reason is longer than 4000 characters.");
        }
        var decision = new ApprovalDecision(userName, role, verdict, reason, now);
        Decisions.Add(decision);
        if (verdict == ApprovalVerdict.Reject)
        {
            Status = ApprovalStatus.Rejected;
            ClosedAt = now;
        }
        else if (OutstandingRoles.Count == 0)
        {
            Status = ApprovalStatus.Approved;
            ClosedAt = now;
        }
        return decision;
    }
}
