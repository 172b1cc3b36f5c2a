using Governance.Learning.Nn;
using Governance.Learning.Training;
using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Serving;

/// <summary>
/// A production version loaded for inference: immutable once built, so a request that holds it gets
/// every answer from this one version, whatever promotion happens meanwhile.
/// </summary>
public sealed class ServedModel(Guid modelId, Guid versionId, int number, string artifactHash, ModelPackage package)
{
    /// <summary>Largest forward batch; a request's texts go through the encoder together up to this many.</summary>
    private const int ForwardBatch = 64;

    public Guid ModelId { get; } = modelId;
    public Guid VersionId { get; } = versionId;
    public int Number { get; } = number;
    public string ArtifactHash { get; } = artifactHash;
    public ModelPackage Package { get; } = package;
    public int LabelCount => Package.Classifier.Config.NumLabels;

    /// <summary>
    /// Label and class probabilities per text. Runs without the autograd tape, with tensor buffers from
    /// the shared pool, the texts of one request batched through the encoder (padded to the longest).
    /// Safe to call from several threads at once.
    /// </summary>
    public IReadOnlyList<ClassPrediction> Predict(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var examples = new TokenizedExample[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            var ids = Package.Tokenizer.Encode(texts[i], Package.MaxLength);
            var mask = new int[ids.Length];
            Array.Fill(mask, 1);
            examples[i] = new TokenizedExample(ids, mask, 0);
        }
        return Package.Classifier.Predict(examples, Math.Min(ForwardBatch, Math.Max(1, texts.Count)));
    }
}

/// <summary>
/// What a request reads in one volatile load: the loaded version plus the model's logging policy,
/// and when the database was last asked which version is in production.
/// </summary>
public sealed record ServingState(ServedModel Model, double? LogSampleRate, bool StoreRawText, DateTimeOffset CheckedAt);
