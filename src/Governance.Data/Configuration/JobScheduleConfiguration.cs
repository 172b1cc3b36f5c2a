using Governance.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class JobScheduleConfiguration : IEntityTypeConfiguration<ModelSchedule>
{
    public void Configure(EntityTypeBuilder<ModelSchedule> b)
    {
        b.ToTable("model_schedules");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasIndex(s => new { s.ModelName, s.Kind }).IsUnique();
    }
}
