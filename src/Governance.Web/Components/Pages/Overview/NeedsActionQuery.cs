using Governance.Data;
using Governance.Domain.Access;
using Governance.Domain.Jobs;
using Governance.Domain.Releases;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Components.Pages.Overview;

/// <summary>
/// "Needs your action", by role. ML engineers: approvals waiting for MLEngineer that they may decide
/// (not from their own runs, not already decided by them), failed runs, failed gates. Compliance
/// officers: approvals waiting for ComplianceOfficer, unresolved drift breaches. Admins: failed runs
/// and gates (they may retry and run). Viewers: nothing. Every list is bounded and indexed: pending
/// requests (few by nature), failed runs of the last <see cref="FailedRunWindow"/> by (status, created_at),
/// the newest <see cref="GateEventsRead"/> gate evaluations by the (action, sequence) index.
/// </summary>
public sealed class NeedsActionQuery(GovernanceDbContext db, TimeProvider time)
{
    public static readonly TimeSpan FailedRunWindow = TimeSpan.FromDays(14);
    public const int GateEventsRead = 50;
    public const int MaxItems = 10;

    public async Task<ActionItems> ForAsync(string userName, IReadOnlyCollection<string> roles, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var engineer = roles.Contains(Roles.MLEngineer) || roles.Contains(Roles.Admin);
        var officer = roles.Contains(Roles.ComplianceOfficer);
        var deciding = roles.Where(r => r is Roles.MLEngineer or Roles.ComplianceOfficer).ToList();
        return new ActionItems(
            deciding.Count == 0 ? [] : await ApprovalsAsync(userName, deciding, ct),
            engineer ? await FailedRunsAsync(ct) : [],
            engineer ? await GateFailuresAsync(ct) : [],
            officer ? await DriftBreachesAsync(ct) : []);
    }

    private async Task<IReadOnlyList<ApprovalAction>> ApprovalsAsync(string userName, List<string> roles, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var pending = await (from a in db.ApprovalRequests.AsNoTracking()
                             join v in db.ModelVersions.AsNoTracking() on a.ModelVersionId equals v.Id
                             join m in db.Models.AsNoTracking() on v.ModelId equals m.Id
                             where a.Status == ApprovalStatus.Pending
                             select new { Request = a, m.Name, v.Number }).ToListAsync(ct);
        return pending
            .Where(p => p.Request.ExpiresAt > now
                && !string.Equals(p.Request.Initiator, userName, StringComparison.OrdinalIgnoreCase)
                && !p.Request.Decisions.Any(d => string.Equals(d.UserName, userName, StringComparison.OrdinalIgnoreCase)))
            .Select(p => new ApprovalAction(p.Request.Id, p.Name, p.Number, p.Request.OutstandingRoles.Where(roles.Contains).ToList(), p.Request.Initiator, p.Request.ExpiresAt))
            .Where(a => a.ForRoles.Count > 0)
            .OrderBy(a => a.ExpiresAt).Take(MaxItems).ToList();
    }

    private async Task<IReadOnlyList<FailedRunAction>> FailedRunsAsync(CancellationToken ct)
    {
        var since = time.GetUtcNow() - FailedRunWindow;
        return await db.JobRuns.AsNoTracking()
            .Where(r => r.Status == JobRunStatus.Failed && r.CreatedAt >= since
                && !db.JobRuns.Any(o => o.ModelName == r.ModelName && o.Kind == r.Kind && o.CreatedAt > r.CreatedAt))
            .OrderByDescending(r => r.CreatedAt).Take(MaxItems)
            .Select(r => new FailedRunAction(r.Id, r.ModelName, r.Kind, r.FinishedAt ?? r.CreatedAt, r.Error))
            .ToListAsync(ct);
    }

    private async Task<IReadOnlyList<GateFailureAction>> GateFailuresAsync(CancellationToken ct)
    {
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Action == LoopAudit.GatesEvaluated)
            .OrderByDescending(e => e.Sequence).Take(GateEventsRead)
            .Select(e => new { e.SubjectId, e.Payload, e.OccurredAt }).ToListAsync(ct);
        var failures = events.DistinctBy(e => e.SubjectId)
            .Select(e => (e.SubjectId, e.OccurredAt, Gate: GateResults.Read(e.Payload)))
            .Where(e => !e.Gate.Passed && e.SubjectId.LastIndexOf('/') > 0)
            .Select(e => (Model: e.SubjectId[..e.SubjectId.LastIndexOf('/')], Number: int.TryParse(e.SubjectId[(e.SubjectId.LastIndexOf('/') + 1)..], out var n) ? n : -1, e.OccurredAt, e.Gate.FailedRules))
            .ToList();
        if (failures.Count == 0)
        {
            return [];
        }
        // Still the model's newest version: a later retrain supersedes the failure.
        var names = failures.Select(f => f.Model).Distinct().ToList();
        var latest = await db.Models.AsNoTracking().Where(m => names.Contains(m.Name)).ToDictionaryAsync(m => m.Name, m => m.LatestVersionNumber, ct);
        return failures.Where(f => latest.TryGetValue(f.Model, out var n) && n == f.Number)
            .Take(MaxItems).Select(f => new GateFailureAction(f.Model, f.Number, f.FailedRules, f.OccurredAt)).ToList();
    }

    private async Task<IReadOnlyList<DriftBreachAction>> DriftBreachesAsync(CancellationToken ct) =>
        await db.DriftReports.AsNoTracking().Where(d => d.Breached && !d.Resolved)
            .Join(db.Models.AsNoTracking(), d => d.ModelId, m => m.Id, (d, m) => new { d, m.Name })
            .OrderByDescending(x => x.d.CreatedAt).Take(MaxItems)
            .Select(x => new DriftBreachAction(x.Name, x.d.Id, x.d.Statistic, x.d.CreatedAt))
            .ToListAsync(ct);
}
