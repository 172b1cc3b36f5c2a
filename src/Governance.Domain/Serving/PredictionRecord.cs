namespace Governance.Domain.Serving;

/// <summary>
/// One logged (sampled) prediction of a production version: what it answered, the drift features of
/// the input and, only where the model's policy allows, the input text with personal data redacted.
/// A reviewer's or client's true label may be fed back later and becomes training data.
/// </summary>
public sealed class PredictionRecord
{
    private PredictionRecord()
    {
    }

    public Guid Id { get; private set; }
    public Guid ModelId { get; private set; }
    public Guid ModelVersionId { get; private set; }
    public int VersionNumber { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public int Label { get; private set; }
    /// <summary>Probability of the predicted label.</summary>
    public double Confidence { get; private set; }
    /// <summary>Class probabilities as a JSON array, in label order.</summary>
    public string Probabilities { get; private set; } = "[]";
    /// <summary>The drift features: hashed tokens of the redacted text, space separated (see DriftFeatures).</summary>
    public string Features { get; private set; } = "";
    public int TokenCount { get; private set; }
    public bool NonAscii { get; private set; }
    /// <summary>The redacted input, or null when the policy does not allow keeping text.</summary>
    public string? Text { get; private set; }
    public int? FeedbackLabel { get; private set; }
    public DateTimeOffset? FeedbackAt { get; private set; }
    public string? FeedbackBy { get; private set; }

    /// <summary>A new record; <paramref name="id"/> is chosen by the caller so the API can answer it before the row is written.</summary>
    public static PredictionRecord Create(Guid id, Guid modelId, Guid versionId, int versionNumber, DateTimeOffset at, int label, double confidence,
        string probabilities, string features, int tokenCount, bool nonAscii, string? redactedText) => new()
    {
        Id = id,
        ModelId = modelId,
        ModelVersionId = versionId,
        VersionNumber = versionNumber,
        CreatedAt = at,
        Label = label,
        Confidence = confidence,
        Probabilities = probabilities,
        Features = features,
        TokenCount = tokenCount,
        NonAscii = nonAscii,
        Text = redactedText,
    };

    /// <summary>Stores the true label; a later call replaces an earlier one (the newest judgement counts).</summary>
    public void RecordFeedback(int label, string by, DateTimeOffset now)
    {
        if (label < 0)
        {
            throw DomainException.Invalid($"A feedback label must be a class index (0 or more), got {label}.");
        }
        FeedbackLabel = label;
        FeedbackBy = by;
        FeedbackAt = now;
    }
}
