using Governance.Domain.Access;

namespace Governance.Domain.Audit;

/// <summary>What a use case wants recorded; the trail adds sequence, time and hashes when it appends.</summary>
public sealed record AuditEntry(Actor Actor, string Action, string SubjectType, string SubjectId, string Payload);
