using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Governance.Data.Configuration;

internal sealed class LoopTrainingRunConfiguration : IEntityTypeConfiguration<TrainingRun>
{
    public void Configure(EntityTypeBuilder<TrainingRun> b)
    {
        b.ToTable("training_runs");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.JobRunId).IsUnique();
        b.HasIndex(r => r.ModelId);
        b.Property(r => r.Status).HasConversion<string>();
        b.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LoopEvaluationConfiguration : IEntityTypeConfiguration<EvaluationRecord>
{
    public void Configure(EntityTypeBuilder<EvaluationRecord> b)
    {
        b.ToTable("evaluation_records");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.CandidateVersionId);
        b.HasIndex(r => r.ModelId);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.CandidateVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LoopBiasConfiguration : IEntityTypeConfiguration<BiasReportRecord>
{
    public void Configure(EntityTypeBuilder<BiasReportRecord> b)
    {
        b.ToTable("bias_reports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => r.CandidateVersionId);
        b.HasOne<ModelVersion>().WithMany().HasForeignKey(r => r.CandidateVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LoopDriftConfiguration : IEntityTypeConfiguration<DriftReportRecord>
{
    public void Configure(EntityTypeBuilder<DriftReportRecord> b)
    {
        b.ToTable("drift_reports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => new { r.ModelId, r.Breached, r.Resolved });
        b.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LoopPolicyConfiguration : IEntityTypeConfiguration<ModelReleasePolicy>
{
    public void Configure(EntityTypeBuilder<ModelReleasePolicy> b)
    {
        b.ToTable("release_policies");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.HasIndex(r => new { r.ModelId, r.Version }).IsUnique();
        b.HasOne<Model>().WithMany().HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Restrict);
    }
}
