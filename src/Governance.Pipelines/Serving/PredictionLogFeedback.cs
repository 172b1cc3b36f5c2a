using Governance.Data;
using Governance.Pipelines.Demo;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.Serving;

/// <summary>
/// Feedback from the prediction log as new training rows: every logged prediction with a fed-back label
/// and kept (redacted) text, labelled since the model's newest training snapshot. Rows without text
/// (the policy did not allow keeping it) cannot be trained on and are skipped. Row ids are
/// "prediction/{id}", so a relabelled prediction replaces its earlier row in the next snapshot.
/// </summary>
public sealed class PredictionLogFeedback(GovernanceDbContext db, LoopStore store) : IFeedbackSource
{
    public async Task<IReadOnlyList<LabelledRow>> NewLabelledRowsAsync(string modelName, CancellationToken cancellationToken)
    {
        var model = await store.RequireModelAsync(modelName, cancellationToken);
        var previous = await store.LatestDatasetAsync(LoopStore.TrainingDataset(modelName), cancellationToken);
        var query = db.Predictions.AsNoTracking().Where(p => p.ModelId == model.Id && p.FeedbackAt != null && p.Text != null);
        if (previous is not null)
        {
            var since = previous.CreatedAt;
            query = query.Where(p => p.FeedbackAt > since);
        }
        var rows = await query.OrderBy(p => p.FeedbackAt).ToListAsync(cancellationToken);
        return rows.Where(p => p.FeedbackLabel is 0 or 1).Select(p => new LabelledRow($"prediction/{p.Id}", p.Text!, p.FeedbackLabel!.Value,
            new Dictionary<string, string>(StringComparer.Ordinal) { [SpamTriageRows.NonAscii] = p.NonAscii ? "yes" : "no" })).ToList();
    }
}
