using Governance.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class DatasetVersionConfiguration : IEntityTypeConfiguration<DatasetVersion>
{
    public void Configure(EntityTypeBuilder<DatasetVersion> b)
    {
        b.ToTable("dataset_versions");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).ValueGeneratedNever();
        b.HasIndex(d => new { d.Name, d.Version }).IsUnique();
        b.HasIndex(d => d.ContentHash);
        b.Property(d => d.Format).HasConversion<string>();
        b.Property(d => d.Columns)
            .HasConversion(ValueConversions.JsonList, ValueConversions.JsonListComparer);
    }
}
