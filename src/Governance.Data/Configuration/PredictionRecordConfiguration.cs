using Governance.Domain.Registry;
using Governance.Domain.Serving;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class PredictionRecordConfiguration : IEntityTypeConfiguration<PredictionRecord>
{
    public void Configure(EntityTypeBuilder<PredictionRecord> b)
    {
        b.ToTable("predictions");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        // The drift check reads a model's window newest first; the feedback source reads labelled rows by time.
        b.HasIndex(p => new { p.ModelId, p.CreatedAt });
        b.HasIndex(p => new { p.ModelId, p.FeedbackAt });
        b.HasOne<Model>().WithMany().HasForeignKey(p => p.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(p => p.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
