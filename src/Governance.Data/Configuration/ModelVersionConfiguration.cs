using Governance.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class ModelVersionConfiguration : IEntityTypeConfiguration<ModelVersion>
{
    public void Configure(EntityTypeBuilder<ModelVersion> b)
    {
        b.ToTable("model_versions");
        b.HasKey(v => v.Id);
        b.Property(v => v.Id).ValueGeneratedNever();
        b.HasIndex(v => new { v.ModelId, v.Number }).IsUnique();
        b.HasIndex(v => v.ParentVersionId);
        b.HasIndex(v => v.DatasetVersionId);
        b.HasIndex(v => v.ArtifactHash);
        // The models list finds each model's production version by seek (migration 0004).
        b.HasIndex(v => new { v.ModelId, v.Stage });
        b.Property(v => v.Stage).HasConversion<string>();
        // Lineage and ownership are references only: the domain has no navigations, and nothing is
        // ever deleted, so every foreign key restricts.
        b.HasOne<Model>().WithMany().HasForeignKey(v => v.ModelId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(v => v.ParentVersionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<DatasetVersion>().WithMany().HasForeignKey(v => v.DatasetVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}
