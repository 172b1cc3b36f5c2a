using Governance.Data;
using Governance.Data.Observability;
using Governance.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Hosting;

/// <summary>
/// Feeds the pending-approvals gauge of <c>/metrics</c>. A scrape reads a count at most every 15 s, so a
/// scraper polling fast cannot turn into database load.
/// </summary>
internal static class PendingApprovalsGauge
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(15);

    public static WebApplication ObservePendingApprovals(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<GovernanceMetrics>();
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var time = app.Services.GetRequiredService<TimeProvider>();
        var gate = new object();
        var cached = 0L;
        var readAt = DateTimeOffset.MinValue;
        metrics.ObservePendingApprovalsWith(() =>
        {
            lock (gate)
            {
                if (time.GetUtcNow() - readAt >= CacheFor)
                {
                    using var scope = scopes.CreateScope();
                    var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
                    cached = db.ApprovalRequests.AsNoTracking().LongCount(r => r.Status == ApprovalStatus.Pending);
                    readAt = time.GetUtcNow();
                }
                return cached;
            }
        });
        return app;
    }
}
