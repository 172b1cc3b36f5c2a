using Governance.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class ModelConfiguration : IEntityTypeConfiguration<Model>
{
    public void Configure(EntityTypeBuilder<Model> b)
    {
        b.ToTable("models");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.HasIndex(m => m.Name).IsUnique();
        b.Property(m => m.RiskTier).HasConversion<string>();
        b.Property(m => m.SensitiveAttributes)
            .HasConversion(ValueConversions.JsonList, ValueConversions.JsonListComparer);
    }
}
