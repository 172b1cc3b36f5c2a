using Governance.Domain.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    /// <summary>Name of the unique partial index that allows one active run per model and kind.</summary>
    public const string ActiveRunIndex = "ux_job_runs_active_per_model_kind";

    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.ToTable("job_runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Status).HasConversion<string>();
        b.Property(r => r.Trigger).HasConversion<string>();
        b.Ignore(r => r.IsFinal);
        b.HasIndex(r => new { r.Status, r.CreatedAt });
        b.HasIndex(r => new { r.ModelName, r.CreatedAt });
        // The database-level guard against two active runs of one kind for one model (two retrains at
        // once): the filter is the same text in both SQL files.
        b.HasIndex(r => new { r.ModelName, r.Kind })
            .IsUnique()
            .HasDatabaseName(ActiveRunIndex)
            .HasFilter("model_name IS NOT NULL AND status IN ('Queued', 'Running')");
    }
}
