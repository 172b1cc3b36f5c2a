using Governance.Domain.Serving;
using Microsoft.EntityFrameworkCore;

namespace Governance.Data;

public partial class GovernanceDbContext
{
    /// <summary>The sampled prediction log of production versions (migration 0005).</summary>
    public DbSet<PredictionRecord> Predictions => Set<PredictionRecord>();
}
