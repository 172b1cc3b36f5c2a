using Governance.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> b)
    {
        b.ToTable("audit_events");
        b.HasKey(e => e.Sequence);
        // The trail hands out sequences itself under its lock; the database must not.
        b.Property(e => e.Sequence).ValueGeneratedNever();
        // Payload stays a plain string (text on both databases, never jsonb): it is hashed byte for
        // byte, and jsonb would reorder keys and drop whitespace.
        // Each hash may be the parent of one event only: the database itself refuses a fork.
        b.HasIndex(e => e.PreviousHash).IsUnique();
        b.HasIndex(e => e.OccurredAt);
        // Filtered pages run newest first by sequence: the sequence after each filter column makes a
        // page a backward index range that stops after one page (migration 0004).
        b.HasIndex(e => new { e.Actor, e.Sequence });
        b.HasIndex(e => new { e.Action, e.Sequence });
        b.HasIndex(e => new { e.SubjectType, e.SubjectId, e.Sequence });
        // Subject-prefix filter (a model and all its versions): LIKE 'name/%' on PostgreSQL needs
        // text_pattern_ops to use an index under a non-C collation; SQLite reads it as a range.
        b.HasIndex(e => e.SubjectId).HasOperators("text_pattern_ops");
    }
}
