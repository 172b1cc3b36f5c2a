namespace Governance.Domain.Releases;

/// <summary>One person's decision on a request, in the role they decided as.</summary>
public sealed record ApprovalDecision(string UserName, string Role, ApprovalVerdict Verdict, string Reason, DateTimeOffset DecidedAt);
