using Governance.Data;
using Governance.Domain.Releases;
using Governance.Web.Endpoints;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Components.Pages.Approvals;

/// <summary>
/// The inbox's pages, newest first, by keyset on the creation time. "Awaiting my roles" reads the pending
/// requests (few by nature: each closes or expires) and keeps those whose outstanding roles include one the
/// user holds; the roles live in JSON columns, so that filter runs here. "All" pages in the database
/// (status filter, cursor, one more row than the page to know whether another follows), so decided requests,
/// which only grow, are never all read.
/// </summary>
internal sealed class ApprovalInboxQuery(GovernanceDbContext db)
{
    public const int PageSize = 20;

    public async Task<InboxPage> ReadAsync(IReadOnlyCollection<string> roles, bool awaitingMine, ApprovalStatus? status, DateTimeOffset? before, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roles);
        List<ApprovalRequest> rows;
        if (awaitingMine)
        {
            var pending = await db.ApprovalRequests.AsNoTracking().Where(a => a.Status == ApprovalStatus.Pending).ToListAsync(ct);
            rows = pending.Where(a => a.OutstandingRoles.Any(roles.Contains) && (before is null || a.CreatedAt < before))
                .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(PageSize + 1).ToList();
        }
        else
        {
            var q = db.ApprovalRequests.AsNoTracking();
            if (status is { } s)
            {
                q = q.Where(a => a.Status == s);
            }
            if (before is { } b)
            {
                q = q.Where(a => a.CreatedAt < b);
            }
            rows = await q.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        }
        var more = rows.Count > PageSize;
        rows = rows.Take(PageSize).ToList();
        return new InboxPage(await ViewsAsync(rows, ct), more ? rows[^1].CreatedAt : null);
    }

    /// <summary>The requests with their model and version number, in the order given (one query for the page).</summary>
    public async Task<List<ApprovalView>> ViewsAsync(IReadOnlyList<ApprovalRequest> requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var versionIds = requests.Select(r => r.ModelVersionId).Distinct().ToList();
        var versions = versionIds.Count == 0
            ? []
            : await db.ModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
                .Join(db.Models.AsNoTracking(), v => v.ModelId, m => m.Id, (v, m) => new { v.Id, v.Number, m.Name }).ToListAsync(ct);
        var byId = versions.ToDictionary(v => v.Id);
        return requests.Select(r => new ApprovalView(r.Id, byId[r.ModelVersionId].Name, byId[r.ModelVersionId].Number, r.Status, r.Initiator,
            r.RequiredRoles, r.Status == ApprovalStatus.Pending ? r.OutstandingRoles : [], r.Decisions, r.EvidenceHash, r.PolicyVersion,
            r.CreatedAt, r.ExpiresAt, r.ClosedAt)).ToList();
    }
}

/// <summary>One page of the inbox; <see cref="NextBefore"/> is the cursor of the next (older) page, null on the last.</summary>
internal sealed record InboxPage(IReadOnlyList<ApprovalView> Requests, DateTimeOffset? NextBefore);
