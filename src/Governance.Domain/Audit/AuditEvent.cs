namespace Governance.Domain.Audit;

/// <summary>
/// One append-only entry of the audit trail. <see cref="Hash"/> covers every other field and the
/// previous event's hash, so changing, removing or inserting a row breaks the chain at that row.
/// </summary>
public sealed class AuditEvent
{
    public long Sequence { get; init; }
    /// <summary>UTC, truncated to whole microseconds so every database stores it exactly.</summary>
    public DateTimeOffset OccurredAt { get; init; }
    /// <summary>"user:alice", "token:ci-bot", "job:retrain".</summary>
    public string Actor { get; init; } = "";
    /// <summary>Dotted verb such as "model.created" or "version.stage-changed".</summary>
    public string Action { get; init; } = "";
    public string SubjectType { get; init; } = "";
    public string SubjectId { get; init; } = "";
    /// <summary>JSON text, hashed byte for byte as stored (kept as text, not jsonb, for that reason).</summary>
    public string Payload { get; init; } = "{}";
    /// <summary>Lower-case hex SHA-256; 64 zeros for the first event.</summary>
    public string PreviousHash { get; init; } = "";
    public string Hash { get; init; } = "";
}
