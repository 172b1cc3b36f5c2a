using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.UseCases;

/// <summary>What the gates said about a candidate, with the records they read.</summary>
public sealed record GateOutcome(ModelVersion Candidate, ReleasePolicy Policy, IReadOnlyList<GateResult> Results, EvaluationRecord Evaluation,
    BiasReportRecord? Bias, IReadOnlyList<DriftReportRecord> Drift, DriftReportRecord? LatestDrift = null)
{
    public bool Passed => Results.All(r => r.Passed);
}

/// <summary>
/// Applies the model's release policy to the candidate's newest evaluation, bias report and the
/// model's unresolved drift. A failure rejects the candidate with the reasons (via the registry).
/// </summary>
public sealed class ApplyGates(GovernanceDbContext db, ModelRegistry registry, AuditTrail audit, LoopStore store, TimeProvider time)
{
    public async Task<GateOutcome> RunAsync(ModelVersion candidate, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var model = await db.Models.AsNoTracking().FirstAsync(m => m.Id == candidate.ModelId, ct);
        var policy = await store.PolicyAsync(model.Id, ct);
        var evaluation = await db.EvaluationRecords.AsNoTracking().Where(e => e.CandidateVersionId == candidate.Id)
            .OrderByDescending(e => e.CreatedAt).FirstOrDefaultAsync(ct)
            ?? throw Domain.DomainException.Conflict($"Version {candidate.Number} has no evaluation; evaluate it before applying gates.");
        var bias = await db.BiasReports.AsNoTracking().Where(b => b.CandidateVersionId == candidate.Id)
            .OrderByDescending(b => b.CreatedAt).FirstOrDefaultAsync(ct);
        var drift = await db.DriftReports.AsNoTracking().Where(d => d.ModelId == model.Id && d.Breached && !d.Resolved).ToListAsync(ct);
        var latestDrift = await db.DriftReports.AsNoTracking().Where(d => d.ModelId == model.Id).OrderByDescending(d => d.CreatedAt).FirstOrDefaultAsync(ct);
        var figures = bias is null ? null : BiasReport.ReadFigures(bias);
        var difference = EvaluateCandidate.DifferenceInterval(evaluation);
        var evidence = new ReleaseEvidence
        {
            CandidateMetrics = new Dictionary<string, double> { ["macro_f1"] = evaluation.MacroF1, ["accuracy"] = evaluation.Accuracy },
            HasProduction = evaluation.ProductionVersionId is not null,
            DifferenceVsProduction = difference is null ? new Dictionary<string, MetricInterval>() : new Dictionary<string, MetricInterval> { ["macro_f1"] = difference },
            DisparateImpactRatios = figures?.DisparateImpact ?? [],
            EqualizedOddsGaps = figures?.EqualizedOddsGaps ?? [],
            UnresolvedDrift = drift.Select(d => d.Id.ToString()).ToList(),
        };
        var results = GateEvaluator.Evaluate(policy, evidence);
        var outcome = new GateOutcome(candidate, policy, results, evaluation, bias, drift, latestDrift);
        await LoopWrite.RunAsync(db, async () =>
        {
            await audit.AppendAsync(new AuditEntry(actor, LoopAudit.GatesEvaluated, LoopAudit.VersionSubject, $"{model.Name}/{candidate.Number}",
                AuditPayload.Of(new { policyVersion = policy.Version, passed = outcome.Passed, results = results.Select(r => new { r.RuleText, r.Value, r.Passed, r.Explanation }) })), ct);
            // Once per version: a repeated run (the rejection below is the registry's own transaction,
            // so a failure between the two is repaired by running again) does not notify twice.
            var versionId = candidate.Id.ToString();
            if (!outcome.Passed && !await db.WebhookDeliveries.AnyAsync(d => d.Event == WebhookEvents.GateFailed && d.Payload.Contains(versionId), ct))
            {
                await WebhookOutbox.EnqueueAsync(db, WebhookEvents.GateFailed,
                    new { model = model.Name, version = candidate.Number, versionId = candidate.Id, failures = results.Where(r => !r.Passed).Select(r => r.Explanation) }, time.GetUtcNow(), ct);
            }
            return 0;
        }, ct);
        if (!outcome.Passed && candidate.Stage == ModelStage.Candidate)
        {
            var reasons = string.Join(" ", results.Where(r => !r.Passed).Select(r => $"Gate '{r.RuleText}' failed: {r.Explanation}"));
            var rejected = await registry.ChangeStageAsync(model.Name, candidate.Number, ModelStage.Rejected, Truncate(reasons, 2000), actor, ct);
            outcome = outcome with { Candidate = rejected };
        }
        return outcome;
    }

    internal static string Json(IReadOnlyList<GateResult> results) =>
        JsonSerializer.Serialize(results.Select(r => new { r.RuleText, r.Value, r.Passed, r.Explanation }), JsonSerializerOptions.Web);

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
