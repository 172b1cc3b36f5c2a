using System.Text.Json;
using Governance.Data;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Evaluation.Drift;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Web.Components.Pages.Evidence;

/// <summary>
/// Read models of the evidence pages (compare, bias, drift) from the stored records. Every number shown
/// comes from a record's stored JSON as written by the loop; nothing is recomputed here. Returns null
/// when the model or version does not exist.
/// </summary>
internal sealed class EvidenceReads(GovernanceDbContext db)
{
    /// <summary>Reports listed on the drift page (newest first).</summary>
    public const int DriftHistoryLimit = 200;

    public async Task<CompareView?> CompareAsync(string name, int number, int? with, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct);
        if (model is null)
        {
            return null;
        }
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id).OrderByDescending(v => v.Number).ToListAsync(ct);
        var candidate = versions.FirstOrDefault(v => v.Number == number);
        if (candidate is null)
        {
            return null;
        }
        var other = with is { } w
            ? versions.FirstOrDefault(v => v.Number == w)
            : versions.FirstOrDefault(v => v.Stage == ModelStage.Production && v.Id != candidate.Id);
        var lineages = await LineagesAsync(versions, ct);
        var evaluation = await EvaluationAsync(candidate, ct);
        return new CompareView(model, lineages[candidate.Id], other is null ? null : lineages[other.Id], lineages.Values.OrderByDescending(l => l.Number).ToList(),
            evaluation, other is null ? null : await EvaluationAsync(other, ct),
            await BiasAsync(candidate.Id, ct), other is null ? null : await BiasAsync(other.Id, ct),
            await GatesAsync(model, candidate, ct),
            await LossAsync(candidate.Id, ct), other is null ? null : await LossAsync(other.Id, ct));
    }

    public async Task<BiasView?> BiasReportAsync(string name, int number, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct);
        var version = model is null ? null
            : await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Number == number, ct);
        if (model is null || version is null)
        {
            return null;
        }
        var lineage = (await LineagesAsync([version], ct))[version.Id];
        var policy = await PolicyAsync(model.Id, null, ct);
        var band = policy.Gates.FirstOrDefault(g => g.Kind == GateKind.DisparateImpactBand);
        var gap = policy.Gates.FirstOrDefault(g => g.Kind == GateKind.EqualizedOddsGap);
        return new BiasView(model, lineage, await BiasAsync(version.Id, ct),
            new FairnessBand(band?.Threshold ?? 0.8, band?.Upper ?? 1.25, gap?.Threshold, policy.Version));
    }

    public async Task<DriftView?> DriftAsync(string name, Guid? reportId, CancellationToken ct)
    {
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name, ct);
        if (model is null)
        {
            return null;
        }
        var query = db.DriftReports.AsNoTracking().Where(d => d.ModelId == model.Id);
        var total = await query.CountAsync(ct);
        var records = await query.OrderByDescending(d => d.CreatedAt).Take(DriftHistoryLimit).ToListAsync(ct);
        DriftReportRecord? selected = null;
        if (reportId is { } id)
        {
            selected = records.FirstOrDefault(r => r.Id == id) ?? await query.FirstOrDefaultAsync(r => r.Id == id, ct);
        }
        var datasetIds = records.Append(selected).OfType<DriftReportRecord>().SelectMany(r => new[] { r.ReferenceDatasetVersionId, r.CurrentDatasetVersionId }).Distinct().ToList();
        var datasets = await db.DatasetVersions.AsNoTracking().Where(d => datasetIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var versionIds = records.Append(selected).OfType<DriftReportRecord>().Select(r => r.ProductionVersionId).OfType<Guid>().Distinct().ToList();
        var numbers = await db.ModelVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        DriftRow Row(DriftReportRecord r) => new(r.Id, r.CreatedAt, r.Breached, r.Statistic, r.Resolved, r.ResolvedBy, r.Resolution,
            r.ProductionVersionId is { } p && numbers.TryGetValue(p, out var n) ? n : null,
            Label(datasets.GetValueOrDefault(r.ReferenceDatasetVersionId)), Label(datasets.GetValueOrDefault(r.CurrentDatasetVersionId)), r.ResultHash);
        return new DriftView(model, records.Select(Row).ToList(), total, selected is null ? null : Row(selected),
            selected is null ? [] : EvidenceJson.DriftColumns(selected.Result));
    }

    private async Task<Dictionary<Guid, VersionLineage>> LineagesAsync(IReadOnlyList<ModelVersion> versions, CancellationToken ct)
    {
        var datasetIds = versions.Select(v => v.DatasetVersionId).OfType<Guid>().Distinct().ToList();
        var datasets = await db.DatasetVersions.AsNoTracking().Where(d => datasetIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var parentIds = versions.Select(v => v.ParentVersionId).OfType<Guid>().Distinct().ToList();
        var parents = await db.ModelVersions.AsNoTracking().Where(v => parentIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Number, ct);
        return versions.ToDictionary(v => v.Id, v => new VersionLineage(v.Number, v.Stage,
            v.ParentVersionId is { } p && parents.TryGetValue(p, out var pn) ? pn : null,
            v.DatasetVersionId is { } d ? datasets.GetValueOrDefault(d) : null,
            v.TrainingConfig, v.Seed, v.CodeVersion, v.ArtifactHash, v.CreatedAt, v.CreatedBy));
    }

    private async Task<StoredEvaluation?> EvaluationAsync(ModelVersion version, CancellationToken ct)
    {
        var record = await db.EvaluationRecords.AsNoTracking().Where(e => e.CandidateVersionId == version.Id)
            .OrderByDescending(e => e.CreatedAt).FirstOrDefaultAsync(ct);
        return record is null ? null : EvidenceJson.Evaluation(record);
    }

    private async Task<StoredBias?> BiasAsync(Guid versionId, CancellationToken ct)
    {
        var record = await db.BiasReports.AsNoTracking().Where(b => b.CandidateVersionId == versionId)
            .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync(ct);
        return record is null ? null : EvidenceJson.Bias(record);
    }

    private async Task<LossHistory?> LossAsync(Guid versionId, CancellationToken ct)
    {
        var run = await db.TrainingRuns.AsNoTracking().Where(r => r.ModelVersionId == versionId && r.Status == TrainingStatus.Succeeded)
            .OrderByDescending(r => r.StartedAt).FirstOrDefaultAsync(ct);
        return run is null ? null : new LossHistory(JsonSerializer.Deserialize<double[]>(run.LossCurve) ?? [], TrainingSpec.FromJson(run.Config)?.Epochs, run.Device, run.StartedAt);
    }

    private async Task<GateView?> GatesAsync(Model model, ModelVersion version, CancellationToken ct)
    {
        var subject = $"{model.Name}/{version.Number}";
        var gateEvent = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == LoopAudit.GatesEvaluated && e.SubjectType == LoopAudit.VersionSubject && e.SubjectId == subject)
            .OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(ct);
        if (gateEvent is null)
        {
            return null;
        }
        using var doc = JsonDocument.Parse(gateEvent.Payload);
        var root = doc.RootElement;
        var policyVersion = root.TryGetProperty("policyVersion", out var pv) && pv.TryGetInt32(out var n) ? n : 0;
        var policy = await PolicyAsync(model.Id, policyVersion, ct);
        var rows = new List<GateRow>();
        var i = 0;
        foreach (var r in root.GetProperty("results").EnumerateArray())
        {
            // The audit payload keeps the rule text; the thresholds come from the same policy version (gates in policy order).
            var rule = i < policy.Gates.Count ? policy.Gates[i] : null;
            rows.Add(new GateRow(r.GetProperty("ruleText").GetString() ?? "",
                r.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null,
                rule is null ? "—" : Threshold(rule), r.GetProperty("passed").GetBoolean(), r.GetProperty("explanation").GetString() ?? ""));
            i++;
        }
        return new GateView(policyVersion, root.GetProperty("passed").GetBoolean(), gateEvent.OccurredAt, gateEvent.Sequence, rows);
    }

    private async Task<ReleasePolicy> PolicyAsync(Guid modelId, int? version, CancellationToken ct)
    {
        var q = db.ReleasePolicies.AsNoTracking().Where(p => p.ModelId == modelId);
        if (version is { } v)
        {
            q = q.Where(p => p.Version == v);
        }
        var row = await q.OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        return row?.ToPolicy() ?? ReleasePolicy.Default;
    }

    internal static string Threshold(GateRule rule) => rule.Kind switch
    {
        GateKind.MinimumMetric => $">= {F(rule.Threshold)}",
        GateKind.NoRegression => $"lower bound >= -{F(rule.Threshold)} at {rule.Confidence:P0}",
        GateKind.DisparateImpactBand => $"[{F(rule.Threshold)}, {F(rule.Upper ?? double.NaN)}]",
        GateKind.EqualizedOddsGap => $"<= {F(rule.Threshold)}",
        GateKind.NoUnresolvedDrift => "0 unresolved reports",
        _ => "—",
    };

    private static string F(double x) => x.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    private static string Label(DatasetVersion? d) => d is null ? "(deleted dataset)" : $"{d.Name} v{d.Version}";
}
