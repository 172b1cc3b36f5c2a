using Governance.Data.Observability;

namespace Governance.Pipelines.Serving;

/// <summary>One answered text: the log row's id (null when not sampled), the label and every class's probability.</summary>
public sealed record PredictedText(Guid? Id, int Label, double[] Probabilities);

/// <summary>All answers of one request, from one version.</summary>
public sealed record PredictionResult(string Model, int Version, IReadOnlyList<PredictedText> Predictions);

/// <summary>Why a predict request is refused: 400 (malformed) or 413 (over a limit).</summary>
public sealed class PredictionInputException(int statusCode, string message) : ArgumentException(message)
{
    public int StatusCode { get; } = statusCode;
}

/// <summary>
/// Answers texts with the model's production version and queues a sample of them for the log
/// (singleton; the request path does no database write).
/// </summary>
public sealed class Predictor(ProductionModels models, PredictionLog log, ServingOptions options, TimeProvider time, GovernanceMetrics? metrics = null)
{
    /// <exception cref="PredictionInputException">No texts, an empty text, too many or too long texts.</exception>
    /// <exception cref="Domain.DomainException">Unknown model (NotFound) or no production version (Conflict).</exception>
    public async Task<PredictionResult> PredictAsync(string modelName, IReadOnlyList<string?>? texts, CancellationToken ct)
    {
        var valid = Validate(texts, options);
        var state = await models.GetAsync(modelName, ct);
        var served = state.Model;
        var predictions = options.ShareForwardPasses ? await served.PredictBatchedAsync(valid) : served.Predict(valid);
        var rate = state.LogSampleRate ?? options.LogSampleRate;
        var now = time.GetUtcNow();
        var answers = new PredictedText[valid.Count];
        for (var i = 0; i < valid.Count; i++)
        {
            var p = predictions[i];
            Guid? id = null;
            if (rate > 0 && Random.Shared.NextDouble() < rate)
            {
                var candidate = Guid.CreateVersion7(now);
                if (log.TryEnqueue(new PendingPrediction(candidate, served.ModelId, served.VersionId, served.Number, now, valid[i], p.Label, p.Probabilities, state.StoreRawText)))
                {
                    id = candidate;
                }
            }
            answers[i] = new PredictedText(id, p.Label, Array.ConvertAll(p.Probabilities, x => (double)x));
        }
        metrics?.Predictions(modelName, valid.Count);
        return new PredictionResult(modelName, served.Number, answers);
    }

    /// <summary>The texts when they are within the limits; otherwise a <see cref="PredictionInputException"/> with the reason.</summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<string?>? texts, ServingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (texts is null || texts.Count == 0)
        {
            throw new PredictionInputException(400, "Send \"text\": \"...\" or \"inputs\": [\"...\", ...] with at least one text.");
        }
        if (texts.Count > options.MaxBatchSize)
        {
            throw new PredictionInputException(413, $"{texts.Count} texts in one request; at most {options.MaxBatchSize} (Serving:MaxBatchSize).");
        }
        var result = new string[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var t = texts[i];
            if (string.IsNullOrWhiteSpace(t))
            {
                throw new PredictionInputException(400, $"Text {i} is empty.");
            }
            if (t.Length > options.MaxTextLength)
            {
                throw new PredictionInputException(413, $"Text {i} has {t.Length} characters; at most {options.MaxTextLength} (Serving:MaxTextLength).");
            }
            result[i] = t;
        }
        return result;
    }
}
