using Governance.Domain.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data;

public partial class GovernanceDbContext
{
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<JobRunLog> JobRunLogs => Set<JobRunLog>();
    public DbSet<ModelSchedule> ModelSchedules => Set<ModelSchedule>();
}
