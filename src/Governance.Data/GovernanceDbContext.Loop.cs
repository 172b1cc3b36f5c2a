using Governance.Domain.Evidence;
using Governance.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data;

public partial class GovernanceDbContext
{
    public DbSet<TrainingRun> TrainingRuns => Set<TrainingRun>();
    public DbSet<EvaluationRecord> EvaluationRecords => Set<EvaluationRecord>();
    public DbSet<BiasReportRecord> BiasReports => Set<BiasReportRecord>();
    public DbSet<DriftReportRecord> DriftReports => Set<DriftReportRecord>();
    public DbSet<ModelReleasePolicy> ReleasePolicies => Set<ModelReleasePolicy>();
    public DbSet<ApprovalRequest> ApprovalRequests => Set<ApprovalRequest>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
}
