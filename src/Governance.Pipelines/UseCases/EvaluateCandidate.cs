using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Evaluation.Classification;
using Governance.Evaluation.Slices;
using Governance.Evaluation.Uncertainty;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// Evaluates a candidate and the production version on the same held-out rows of a dataset version:
/// metrics with bootstrap intervals, the paired bootstrap difference of macro-F1 and McNemar's test,
/// and per-slice metrics for each sensitive attribute. Stores an <see cref="EvaluationRecord"/>.
/// </summary>
public sealed class EvaluateCandidate(GovernanceDbContext db, AuditTrail audit, LoopStore store, LoopOptions options, TimeProvider time)
{
    public async Task<EvaluationRecord> RunAsync(ModelVersion candidate, DatasetVersion dataset, Actor actor, Guid? jobRunId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var model = await db.Models.FindAsync([candidate.ModelId], ct) ?? throw new InvalidOperationException("The candidate's model is gone.");
        var production = await store.ProductionAsync(candidate.ModelId, ct);
        if (production?.Id == candidate.Id)
        {
            production = null;
        }
        var rows = (await store.RowsAsync(dataset, ct)).Where(r => r.IsHeldOut).ToList();
        if (rows.Count < 10 || rows.Select(r => r.Label).Distinct().Count() < 2)
        {
            throw new ArgumentException($"Dataset {dataset.Name} v{dataset.Version} holds out {rows.Count} rows; evaluation needs at least 10 with both labels.", nameof(dataset));
        }
        var texts = rows.Select(r => r.Text).ToList();
        var actual = rows.Select(r => r.Label).ToArray();
        var (probabilities, predicted) = Predict(candidate, texts);
        var bootstrap = new BootstrapOptions(Resamples: options.BootstrapResamples);
        var report = ClassificationMetrics.Evaluate(actual, predicted, 2);
        var intervals = Bootstrap.Classification(actual, predicted, 2, [CountMetric.MacroF1, CountMetric.Accuracy], bootstrap);
        var slices = Slices(model, rows, actual, predicted);
        PairedBootstrapResult? paired = null;
        McNemarResult? mcnemar = null;
        ClassificationReport? productionReport = null;
        IReadOnlyList<BootstrapInterval>? productionIntervals = null;
        CalibrationResult? productionCalibration = null;
        List<SliceReport<ClassificationReport>>? productionSlices = null;
        if (production is not null)
        {
            var (championProbabilities, champion) = Predict(production, texts);
            productionReport = ClassificationMetrics.Evaluate(actual, champion, 2);
            productionIntervals = Bootstrap.Classification(actual, champion, 2, [CountMetric.MacroF1, CountMetric.Accuracy], bootstrap);
            productionCalibration = Calibration.Binary(actual, championProbabilities);
            productionSlices = Slices(model, rows, actual, champion);
            paired = PairedBootstrap.Classification(actual, champion, predicted, 2, CountMetric.MacroF1, bootstrap);
            mcnemar = McNemar.Test(actual, champion, predicted);
        }
        var macro = intervals[0];
        var result = JsonSerializer.Serialize(new
        {
            candidate = new { candidate.Id, candidate.Number, candidate.ArtifactHash },
            production = production is null ? null : new { production.Id, production.Number, production.ArtifactHash },
            dataset = new { dataset.Id, dataset.Name, dataset.Version, dataset.ContentHash, heldOutRows = rows.Count },
            report,
            intervals,
            paired,
            mcnemar,
            slices,
            // Added for the portal's comparison page (readers of the fields above are unaffected): production's
            // report, intervals and slices on the same rows, and both reliability diagrams (P(class 1), 10 equal-width bins).
            productionReport,
            productionIntervals,
            productionSlices,
            calibration = new { candidate = Calibration.Binary(actual, probabilities), production = productionCalibration },
        }, JsonSerializerOptions.Web);
        return await LoopWrite.RunAsync(db, async () =>
        {
            var record = EvaluationRecord.Create(model.Id, candidate.Id, production?.Id, dataset.Id, jobRunId, rows.Count,
                macro.Estimate, macro.Lower, macro.Upper, report.Accuracy, paired?.Difference, result, time.GetUtcNow());
            db.EvaluationRecords.Add(record);
            await audit.AppendAsync(new AuditEntry(actor, LoopAudit.EvaluationRecorded, LoopAudit.VersionSubject, $"{model.Name}/{candidate.Number}",
                AuditPayload.Of(new { evaluationId = record.Id, resultHash = record.ResultHash, macroF1 = record.MacroF1, interval = new[] { macro.Lower, macro.Upper },
                    vsProduction = production?.Number, difference = paired?.Difference })), ct);
            return record;
        }, ct);
    }

    private List<SliceReport<ClassificationReport>> Slices(Model model, List<LabelledRow> rows, int[] actual, int[] predicted) =>
        model.SensitiveAttributes
            .Select(a => Slicer.Classification(a, rows.Select(r => r.Attributes.GetValueOrDefault(a)).ToList(), actual, predicted, 2, options.MinimumGroupSize))
            .ToList();

    // P(class 1) per text for calibration, and the label (1 where class 1 beats class 0, as the gates always read it).
    private (double[] Positive, int[] Labels) Predict(ModelVersion version, List<string> texts)
    {
        var p = store.LoadPackage(version).PredictProbabilities(texts);
        return (p.Select(x => Math.Clamp(x[1], 0, 1)).ToArray(), p.Select(x => x[1] > x[0] ? 1 : 0).ToArray());
    }

    /// <summary>The paired macro-F1 difference interval of a stored record, for the regression gate.</summary>
    internal static MetricInterval? DifferenceInterval(EvaluationRecord record)
    {
        using var doc = JsonDocument.Parse(record.Result);
        if (!doc.RootElement.TryGetProperty("paired", out var p) || p.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        return new MetricInterval(p.GetProperty("difference").GetDouble(), p.GetProperty("lower").GetDouble(),
            p.GetProperty("upper").GetDouble(), p.GetProperty("confidenceLevel").GetDouble());
    }
}
