using Governance.Data;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Components.Pages.Jobs;

/// <summary>
/// What a run left in the registry, found by the run id the loop stores on its records: the version a
/// retrain produced, the versions an evaluation judged, the drift reports a check wrote. Four small
/// indexed or bounded queries, so the run page links straight to the evidence.
/// </summary>
public sealed record RunOutputs(RunVersionLink? Produced, IReadOnlyList<RunVersionLink> Evaluated, IReadOnlyList<RunDriftLink> DriftReports)
{
    public bool IsEmpty => Produced is null && Evaluated.Count == 0 && DriftReports.Count == 0;

    public static async Task<RunOutputs> ReadAsync(GovernanceDbContext db, Guid runId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var produced = await db.TrainingRuns.AsNoTracking().Where(t => t.JobRunId == runId && t.ModelVersionId != null)
            .Select(t => t.ModelVersionId).FirstOrDefaultAsync(ct);
        var evaluated = await db.EvaluationRecords.AsNoTracking().Where(e => e.JobRunId == runId)
            .Select(e => e.CandidateVersionId).Distinct().ToListAsync(ct);
        var versionIds = evaluated.Concat(produced is { } p ? [p] : []).Distinct().ToList();
        var versions = versionIds.Count == 0
            ? []
            : await db.ModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
                .Join(db.Models.AsNoTracking(), v => v.ModelId, m => m.Id, (v, m) => new { v.Id, m.Name, v.Number, v.Stage })
                .ToListAsync(ct);
        var links = versions.ToDictionary(v => v.Id, v => new RunVersionLink(v.Name, v.Number, v.Stage));
        var drift = await db.DriftReports.AsNoTracking().Where(d => d.JobRunId == runId)
            .Join(db.Models.AsNoTracking(), d => d.ModelId, m => m.Id, (d, m) => new RunDriftLink(m.Name, d.Id, d.Breached, d.Statistic, d.CreatedAt))
            .ToListAsync(ct);
        return new RunOutputs(
            produced is { } id && links.TryGetValue(id, out var made) ? made : null,
            evaluated.Where(links.ContainsKey).Select(e => links[e]).OrderBy(l => l.Number).ToList(),
            drift.OrderBy(d => d.CreatedAt).ToList());
    }
}

/// <summary>A model version a run produced or evaluated.</summary>
public sealed record RunVersionLink(string Model, int Number, Domain.Registry.ModelStage Stage);

/// <summary>A drift report a run wrote.</summary>
public sealed record RunDriftLink(string Model, Guid ReportId, bool Breached, double? Statistic, DateTimeOffset CreatedAt);
