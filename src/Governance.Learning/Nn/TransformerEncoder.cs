using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>BERT-style encoder ("bert." in Hugging Face names): embeddings, layers, optional final norm (pre-LN).</summary>
public sealed class TransformerEncoder : Module
{
    /// <summary>Validates <paramref name="config"/> and creates the layers from <paramref name="random"/>.</summary>
    public TransformerEncoder(EncoderConfig config, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        Embeddings = new Embeddings(config, random);
        Layers = Enumerable.Range(0, config.NumLayers).Select(_ => new EncoderLayer(config, random)).ToArray();
        FinalNorm = config.PreLayerNorm ? new LayerNorm(config.HiddenSize, config.LayerNormEps) : null;
    }

    /// <summary>Shape of the encoder.</summary>
    public EncoderConfig Config { get; }

    /// <summary>Embedding block.</summary>
    public Embeddings Embeddings { get; }

    /// <summary>Transformer blocks.</summary>
    public IReadOnlyList<EncoderLayer> Layers { get; }

    /// <summary>Final layer norm of the pre-LN variant.</summary>
    public LayerNorm? FinalNorm { get; }

    /// <summary>Hidden states (B*T, d) of the last layer.</summary>
    public Tensor Forward(EncoderBatch batch, bool training, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(batch);
        Check(batch);
        var keyMask = Tensor.Empty(batch.BatchSize, 1, 1, batch.SeqLen);
        var md = keyMask.Data;
        // Hugging Face: (1 - mask) * finfo(float32).min added to the scores.
        for (var i = 0; i < md.Length; i++) md[i] = batch.AttentionMask[i] != 0 ? 0f : float.MinValue;
        var x = Embeddings.Forward(batch.InputIds, batch.BatchSize, batch.SeqLen, training, random);
        foreach (var layer in Layers) x = layer.Forward(x, keyMask, batch.BatchSize, batch.SeqLen, training, random);
        return FinalNorm is null ? x : FinalNorm.Forward(x);
    }

    private void Check(EncoderBatch batch)
    {
        var n = batch.BatchSize * batch.SeqLen;
        if (batch.BatchSize <= 0 || batch.SeqLen <= 0)
            throw new ArgumentException($"A batch needs at least one sequence of at least one token, got {batch.BatchSize} x {batch.SeqLen}.", nameof(batch));
        if (batch.SeqLen > Config.MaxPositions)
            throw new ArgumentException($"Sequence length {batch.SeqLen} exceeds max_position_embeddings {Config.MaxPositions}; truncate the input.", nameof(batch));
        if (batch.InputIds.Length != n || batch.AttentionMask.Length != n)
            throw new ArgumentException($"InputIds ({batch.InputIds.Length}) and AttentionMask ({batch.AttentionMask.Length}) must both hold {batch.BatchSize} x {batch.SeqLen} = {n} values.", nameof(batch));
    }

    /// <inheritdoc />
    public override IEnumerable<NamedParameter> Parameters(string prefix)
    {
        foreach (var p in Embeddings.Parameters(Join(prefix, "embeddings"))) yield return p;
        for (var i = 0; i < Layers.Count; i++)
            foreach (var p in Layers[i].Parameters(Join(prefix, $"encoder.layer.{i}"))) yield return p;
        if (FinalNorm is not null)
            foreach (var p in FinalNorm.Parameters(Join(prefix, "encoder.final_layer_norm"))) yield return p;
    }

    /// <summary>Every linear layer in the attention blocks and feed-forwards, with its short role name.</summary>
    public IEnumerable<(string Role, Linear Layer)> ProjectionLayers()
    {
        foreach (var layer in Layers)
        {
            yield return ("query", layer.Attention.Query);
            yield return ("key", layer.Attention.Key);
            yield return ("value", layer.Attention.Value);
            yield return ("attention.output", layer.Attention.Output);
            yield return ("intermediate", layer.Intermediate);
            yield return ("output", layer.FeedForwardOutput);
        }
    }
}
