using Governance.Domain.Audit;

namespace Governance.Data.Audit;

/// <summary>
/// One page of events, newest first. <see cref="OlderCursor"/> goes into <c>AuditQuery.Before</c> for
/// the next page; <see cref="NewerCursor"/> into <c>AuditQuery.After</c> for the previous one. Null
/// means there is no such page.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Events, long? OlderCursor, long? NewerCursor);
