using Governance.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class JobRunLogConfiguration : IEntityTypeConfiguration<JobRunLog>
{
    public void Configure(EntityTypeBuilder<JobRunLog> b)
    {
        b.ToTable("job_run_logs");
        b.HasKey(l => new { l.RunId, l.Sequence });
        b.Property(l => l.Sequence).ValueGeneratedNever();
        b.HasOne<JobRun>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}
