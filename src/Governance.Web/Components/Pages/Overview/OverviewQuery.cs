using Governance.Data;
using Governance.Domain.Jobs;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Jobs;
using Governance.Pipelines.Scheduling;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Components.Pages.Overview;

/// <summary>
/// The overview's model table, one page of models at a time (keyset on the name). Each column is one
/// query for the whole page (IN over the page's ids or names), never one per model: seven small
/// indexed queries whatever the page holds. Gate results come from the audit trail by exact subject
/// (the subject index), so the 1M-event trail is never scanned.
/// </summary>
public sealed class OverviewQuery(GovernanceDbContext db, TimeProvider time)
{
    public const int PageSize = 50;

    public async Task<ModelOverviewPage> ModelsAsync(string? after, CancellationToken ct)
    {
        var q = db.Models.AsNoTracking();
        if (!string.IsNullOrEmpty(after))
        {
            q = q.Where(m => string.Compare(m.Name, after) > 0);
        }
        var models = await q.OrderBy(m => m.Name).Take(PageSize + 1)
            .Select(m => new { m.Id, m.Name, m.RiskTier, m.LatestVersionNumber }).ToListAsync(ct);
        var more = models.Count > PageSize;
        models = models.Take(PageSize).ToList();
        if (models.Count == 0)
        {
            return new ModelOverviewPage([], null);
        }
        var ids = models.Select(m => m.Id).ToList();
        var names = models.Select(m => m.Name).ToList();

        // Production and newest versions in one query.
        var versions = await (from v in db.ModelVersions.AsNoTracking()
                              join m in db.Models.AsNoTracking() on v.ModelId equals m.Id
                              where ids.Contains(m.Id) && (v.Stage == ModelStage.Production || v.Number == m.LatestVersionNumber)
                              select new { v.ModelId, v.Number, v.Stage }).ToListAsync(ct);
        var production = versions.Where(v => v.Stage == ModelStage.Production).GroupBy(v => v.ModelId).ToDictionary(g => g.Key, g => g.Max(v => v.Number));
        var newest = versions.Where(v => v.Stage is not (ModelStage.Production or ModelStage.Archived))
            .ToDictionary(v => v.ModelId, v => v);
        var nameOf = models.ToDictionary(m => m.Id, m => m.Name);
        var gates = await GatesAsync(newest.Select(kv => $"{nameOf[kv.Key]}/{kv.Value.Number}").ToList(), ct);

        var retrain = nameof(JobKind.Retrain);
        var retrains = await db.JobRuns.AsNoTracking().Where(r => r.Kind == retrain && names.Contains(r.ModelName!))
            .GroupBy(r => r.ModelName)
            .Select(g => g.OrderByDescending(r => r.CreatedAt).Select(r => new { r.ModelName, r.Id, r.Status, r.CreatedAt, r.FinishedAt }).First())
            .ToListAsync(ct);
        var drift = await db.DriftReports.AsNoTracking().Where(d => ids.Contains(d.ModelId))
            .GroupBy(d => d.ModelId)
            .Select(g => g.OrderByDescending(d => d.CreatedAt).Select(d => new { d.ModelId, d.Id, d.Breached, d.Resolved, d.CreatedAt }).First())
            .ToListAsync(ct);
        var pending = await (from a in db.ApprovalRequests.AsNoTracking()
                             join v in db.ModelVersions.AsNoTracking() on a.ModelVersionId equals v.Id
                             where a.Status == ApprovalStatus.Pending && ids.Contains(v.ModelId)
                             select new { Request = a, v.ModelId, v.Number }).ToListAsync(ct);
        var schedules = await db.ModelSchedules.AsNoTracking().Where(s => s.Enabled && names.Contains(s.ModelName)).ToListAsync(ct);
        var now = time.GetUtcNow();

        var rows = models.Select(m =>
        {
            var r = retrains.FirstOrDefault(x => x.ModelName == m.Name);
            var d = drift.FirstOrDefault(x => x.ModelId == m.Id);
            CandidateSummary? candidate = null;
            if (newest.TryGetValue(m.Id, out var c))
            {
                candidate = gates.TryGetValue($"{m.Name}/{c.Number}", out var gate)
                    ? new CandidateSummary(c.Number, c.Stage, gate.Passed, gate.FailedRules)
                    : new CandidateSummary(c.Number, c.Stage, null, []);
            }
            return new ModelOverview(
                m.Name, m.RiskTier,
                production.TryGetValue(m.Id, out var p) ? p : null,
                r is null ? null : new RetrainSummary(r.Id, r.Status, r.FinishedAt ?? r.CreatedAt),
                d is null ? null : new DriftSummary(d.Id, d.Breached, d.Resolved, d.CreatedAt),
                candidate,
                pending.Where(x => x.ModelId == m.Id).OrderByDescending(x => x.Number)
                    .Select(x => new PendingApprovalSummary(x.Request.Id, x.Number, x.Request.OutstandingRoles)).ToList(),
                schedules.Where(s => s.ModelName == m.Name).Select(s => NextRun(s, now)).OfType<NextRunSummary>().OrderBy(n => n.At).ToList());
        }).ToList();
        return new ModelOverviewPage(rows, more ? models[^1].Name : null);
    }

    /// <summary>The latest gate result of each subject (<c>name/n</c>), by exact subject on the audit trail's subject index.</summary>
    private async Task<Dictionary<string, (bool Passed, IReadOnlyList<string> FailedRules)>> GatesAsync(List<string> subjects, CancellationToken ct)
    {
        if (subjects.Count == 0)
        {
            return [];
        }
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectType == LoopAudit.VersionSubject && subjects.Contains(e.SubjectId) && e.Action == LoopAudit.GatesEvaluated)
            .Select(e => new { e.SubjectId, e.Sequence, e.Payload }).ToListAsync(ct);
        return events.GroupBy(e => e.SubjectId)
            .ToDictionary(g => g.Key, g => GateResults.Read(g.MaxBy(e => e.Sequence)!.Payload));
    }

    private static NextRunSummary? NextRun(ModelSchedule s, DateTimeOffset now)
    {
        try
        {
            var cron = CronSchedule.Parse(s.Cron, CronSchedule.Zone(s.TimeZoneId));
            return CronSchedule.NextFireTimes(cron, now, 1) is [var next] ? new NextRunSummary(s.Kind, next, s.TimeZoneId) : null;
        }
        catch (Domain.DomainException)
        {
            // Stored schedules were validated when set; a zone removed from the system since is shown as no next run.
            return null;
        }
    }
}
