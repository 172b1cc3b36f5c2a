namespace Governance.Domain.Audit;

/// <summary>Builds the next event of the chain from an entry and the current head.</summary>
public static class AuditChain
{
    public static AuditEvent Next(AuditEntry entry, long previousSequence, string previousHash, DateTimeOffset now)
    {
        var unsealed = new AuditEvent
        {
            Sequence = previousSequence + 1,
            OccurredAt = AuditHasher.Normalize(now),
            Actor = entry.Actor.ToString(),
            Action = entry.Action,
            SubjectType = entry.SubjectType,
            SubjectId = entry.SubjectId,
            Payload = entry.Payload,
            PreviousHash = previousHash,
        };
        return new AuditEvent
        {
            Sequence = unsealed.Sequence,
            OccurredAt = unsealed.OccurredAt,
            Actor = unsealed.Actor,
            Action = unsealed.Action,
            SubjectType = unsealed.SubjectType,
            SubjectId = unsealed.SubjectId,
            Payload = unsealed.Payload,
            PreviousHash = unsealed.PreviousHash,
            Hash = AuditHasher.ComputeHash(unsealed),
        };
    }
}
