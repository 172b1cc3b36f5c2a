using Governance.Data;
using Governance.Domain.Access;
using Governance.Domain.Registry;
using Governance.Domain.Releases;
using Governance.Pipelines.Demo;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.Serving;

/// <summary>Where the drift check may take its "current" data from instead of the newest incoming dataset.</summary>
public interface IDriftCurrentData
{
    /// <summary>
    /// A dataset version holding the recent prediction log as drift-feature documents (see <see cref="DriftFeatures"/>),
    /// or null when the log holds fewer than the policy's minimum rows in its window.
    /// </summary>
    Task<DatasetVersion?> FromPredictionLogAsync(Model model, ReleasePolicy policy, Actor actor, CancellationToken ct);
}

/// <summary>
/// Snapshots the prediction log's window (newest <see cref="MaxRows"/> rows) as dataset
/// "{model}-prediction-log", so the drift report points at a hashed, reproducible current sample like
/// it does for an incoming dataset. Rows carry the feature document as text and the predicted label.
/// </summary>
public sealed class PredictionLogDriftData(GovernanceDbContext db, SnapshotTrainingData snapshots, TimeProvider time) : IDriftCurrentData
{
    public const int MaxRows = 5000;

    public static string DatasetName(string model) => $"{model}-prediction-log";

    public async Task<DatasetVersion?> FromPredictionLogAsync(Model model, ReleasePolicy policy, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(policy);
        var now = time.GetUtcNow();
        var since = now - policy.DriftLogWindow;
        var rows = await db.Predictions.AsNoTracking().Where(p => p.ModelId == model.Id && p.CreatedAt >= since)
            .OrderByDescending(p => p.CreatedAt).Take(MaxRows)
            .Select(p => new { p.Id, p.Features, p.Label, p.NonAscii }).ToListAsync(ct);
        if (rows.Count < policy.DriftLogMinimumRows)
        {
            return null;
        }
        var labelled = rows.Select(r => new LabelledRow($"prediction/{r.Id}", r.Features, Math.Clamp(r.Label, 0, 1),
            new Dictionary<string, string>(StringComparer.Ordinal) { [SpamTriageRows.NonAscii] = r.NonAscii ? "yes" : "no" })).ToList();
        return await snapshots.RegisterAsync(DatasetName(model.Name), labelled, actor, "prediction log",
            $"{rows.Count} logged predictions since {since:u} as drift-feature documents (hashed tokens of redacted text).", ct);
    }
}
