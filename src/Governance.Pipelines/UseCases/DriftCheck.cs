using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Releases;
using Governance.Evaluation.Drift;
using Governance.Pipelines.Serving;
using Governance.Pipelines.Webhooks;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// Compares production's reference data (the dataset version it was trained on) with the newest
/// version of the model's incoming dataset. A breach records a drift report, a webhook and, by the
/// policy's <see cref="ReleasePolicy.OnDrift"/>, starts a retrain or records a request for one.
/// With <paramref name="currentData"/>, the policy's <see cref="ReleasePolicy.DriftData"/> may take the
/// current data from the prediction log instead (as drift-feature documents; the reference is mapped alike).
/// </summary>
public sealed class DriftCheck(GovernanceDbContext db, AuditTrail audit, LoopStore store, IRetrainRequester? retrain, TimeProvider time,
    IDriftCurrentData? currentData = null)
{
    /// <summary>The report, or null when there is nothing to compare (no production or no incoming data).</summary>
    public async Task<DriftReportRecord?> RunAsync(string modelName, Actor actor, Guid? jobRunId, CancellationToken ct)
    {
        var model = await store.RequireModelAsync(modelName, ct);
        var production = await store.ProductionAsync(model.Id, ct);
        var policy = await store.PolicyAsync(model.Id, ct);
        var logged = production?.DatasetVersionId is null || currentData is null || policy.DriftData == DriftDataSource.IncomingDataset
            ? null : await currentData.FromPredictionLogAsync(model, policy, actor, ct);
        var current = logged ?? (policy.DriftData == DriftDataSource.PredictionLog ? null : await store.LatestDatasetAsync(LoopStore.IncomingDataset(modelName), ct));
        if (production?.DatasetVersionId is not { } referenceId || current is null)
        {
            return null;
        }
        var reference = await store.RequireDatasetAsync(referenceId, ct);
        var refRows = await store.RowsAsync(reference, ct);
        var curRows = await store.RowsAsync(current, ct);
        // Logged inputs are kept as hashed-token documents: the reference is compared in the same form.
        var refTexts = refRows.Select(r => (string?)(logged is null ? r.Text : DriftFeatures.DocumentOfRaw(r.Text))).ToList();
        var text = TextDrift.Compare("text", refTexts, curRows.Select(r => (string?)r.Text).ToList());
        var breached = text.Drifted == true;
        var result = JsonSerializer.Serialize(new
        {
            production = new { production.Id, production.Number },
            reference = new { reference.Id, reference.Name, reference.Version, reference.ContentHash, rows = refRows.Count },
            current = new { current.Id, current.Name, current.Version, current.ContentHash, rows = curRows.Count, source = logged is null ? "dataset" : "predictionLog" },
            text,
        }, JsonSerializerOptions.Web);
        var record = await LoopWrite.RunAsync(db, async () =>
        {
            var now = time.GetUtcNow();
            var r = DriftReportRecord.Create(model.Id, production.Id, reference.Id, current.Id, jobRunId, breached, text.DomainClassifier.Statistic, result, now);
            db.DriftReports.Add(r);
            await audit.AppendAsync(new AuditEntry(actor, LoopAudit.DriftChecked, LoopAudit.ModelSubject, model.Name,
                AuditPayload.Of(new { driftReportId = r.Id, resultHash = r.ResultHash, breached, statistic = r.Statistic, reference = reference.Id, current = current.Id })), ct);
            if (breached)
            {
                await WebhookOutbox.EnqueueAsync(db, WebhookEvents.DriftDetected,
                    new { model = model.Name, driftReportId = r.Id, statistic = r.Statistic, response = policy.OnDrift.ToString() }, now, ct);
                if (policy.OnDrift == DriftResponse.AskForRetrain || retrain is null)
                {
                    await audit.AppendAsync(new AuditEntry(actor, LoopAudit.RetrainRequested, LoopAudit.ModelSubject, model.Name,
                        AuditPayload.Of(new { driftReportId = r.Id, reason = "Drift detected; an ML engineer should decide on a retrain." })), ct);
                }
            }
            return r;
        }, ct);
        if (breached && policy.OnDrift == DriftResponse.Retrain && retrain is not null)
        {
            await retrain.RequestRetrainAsync(model.Name, $"Drift report {record.Id} breached (domain-classifier AUC {record.Statistic:0.###}).", ct);
        }
        return record;
    }

    /// <summary>Marks a breached report resolved with a reason, audited.</summary>
    public async Task<DriftReportRecord> ResolveAsync(Guid reportId, string reason, Actor actor, CancellationToken ct) =>
        await LoopWrite.RunAsync(db, async () =>
        {
            var r = await db.DriftReports.FindAsync([reportId], ct) ?? throw Domain.DomainException.NotFound($"Drift report {reportId} does not exist.");
            r.Resolve(actor.ToString(), reason, time.GetUtcNow());
            await audit.AppendAsync(new AuditEntry(actor, "drift.resolved", "drift-report", r.Id.ToString(), AuditPayload.Of(new { reason })), ct);
            return r;
        }, ct);
}
