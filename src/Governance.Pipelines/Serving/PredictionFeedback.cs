using Governance.Data;
using Governance.Data.Audit;
using Governance.Data.Registry;
using Governance.Domain;
using Governance.Domain.Access;
using Governance.Domain.Audit;
using Governance.Domain.Serving;
using Governance.Pipelines.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Governance.Pipelines.Serving;

/// <summary>Stores the true label of a logged prediction (audited); labelled rows with kept text become training data.</summary>
public sealed class PredictionFeedback(GovernanceDbContext db, AuditTrail audit, LoopStore store, TimeProvider time)
{
    public const string Action = "prediction.feedback";

    public async Task<PredictionRecord> RunAsync(string modelName, Guid predictionId, int? label, Actor actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var model = await store.RequireModelAsync(modelName, ct);
        if (label is not { } value)
        {
            throw DomainException.Invalid("Field 'label' is required: the true class index.");
        }
        return await LoopWrite.RunAsync(db, async () =>
        {
            var row = await db.Predictions.FirstOrDefaultAsync(p => p.Id == predictionId && p.ModelId == model.Id, ct)
                ?? throw DomainException.NotFound($"Model '{modelName}' has no logged prediction {predictionId} (only sampled predictions are logged).");
            var classes = System.Text.Json.JsonSerializer.Deserialize<double[]>(row.Probabilities)?.Length ?? 0;
            if (value < 0 || value >= classes)
            {
                throw DomainException.Invalid($"Label {value} is not a class of this model: 0 to {classes - 1}.");
            }
            row.RecordFeedback(value, actor.ToString(), time.GetUtcNow());
            await audit.AppendAsync(new AuditEntry(actor, Action, "prediction", row.Id.ToString(),
                AuditPayload.Of(new { model = modelName, version = row.VersionNumber, predicted = row.Label, label = value, textKept = row.Text is not null })), ct);
            return row;
        }, ct);
    }
}
