using Governance.Learning.Autograd;
using Governance.Learning.Tensors;
using Governance.Learning.Training;

namespace Governance.Learning.Nn;

/// <summary>
/// BertForSequenceClassification: encoder, pooler (dense + tanh on the first token), dropout, classifier.
/// Parameter names match Hugging Face ("bert.…", "classifier.weight").
/// </summary>
public sealed class SequenceClassifier : Module
{
    /// <summary>Creates a randomly initialised model from <paramref name="config"/> (num_labels classes).</summary>
    public SequenceClassifier(EncoderConfig config, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (config.NumLabels < 2) throw new ArgumentException($"A classifier needs at least 2 labels, got {config.NumLabels}.", nameof(config));
        var random = new RandomSource(seed);
        Encoder = new TransformerEncoder(config, random);
        Pooler = new Linear(config.HiddenSize, config.HiddenSize, random, config.InitializerRange);
        Classifier = new Linear(config.HiddenSize, config.NumLabels, random, config.InitializerRange);
    }

    /// <summary>Shape of the model.</summary>
    public EncoderConfig Config => Encoder.Config;

    /// <summary>The encoder.</summary>
    public TransformerEncoder Encoder { get; }

    /// <summary>bert.pooler.dense.</summary>
    public Linear Pooler { get; }

    /// <summary>classifier.</summary>
    public Linear Classifier { get; }

    /// <summary>Logits (B, num_labels).</summary>
    public Tensor Forward(EncoderBatch batch, bool training, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var hidden = Encoder.Forward(batch, training, random);                                    // (B*T, d)
        var d = Config.HiddenSize;
        var first = Ops.Reshape(Ops.Slice(Ops.Reshape(hidden, batch.BatchSize, batch.SeqLen, d), 1, 0, 1), batch.BatchSize, d);
        var pooled = Ops.Tanh(Pooler.Forward(first, training, random));
        if (training) pooled = Ops.Dropout(pooled, Config.HiddenDropout, random);
        return Classifier.Forward(pooled, training, random);
    }

    /// <summary>Class probabilities for each example, computed in batches without recording gradients.</summary>
    public IReadOnlyList<ClassPrediction> Predict(IReadOnlyList<TokenizedExample> examples, int batchSize = 32)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var results = new List<ClassPrediction>(examples.Count);
        var random = new RandomSource(0);
        using var noGrad = Tape.NoGrad();
        for (var start = 0; start < examples.Count; start += batchSize)
        {
            using var scope = new TensorScope();
            var slice = examples.Skip(start).Take(batchSize).ToList();
            var batch = BatchCollator.Collate(slice, Config.PadTokenId, Config.MaxPositions);
            using var probs = Ops.Softmax(Forward(batch, training: false, random));
            var p = probs.Data;
            var labels = Config.NumLabels;
            for (var i = 0; i < slice.Count; i++)
            {
                var row = p.Slice(i * labels, labels).ToArray();
                var best = 0;
                for (var j = 1; j < labels; j++) if (row[j] > row[best]) best = j;
                results.Add(new ClassPrediction(best, row));
            }
        }
        return results;
    }

    /// <summary>Attaches LoRA adapters to the target projections and freezes the encoder; the head stays trainable.</summary>
    public void ApplyLora(LoraOptions options, ulong seed = 7)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new RandomSource(seed);
        foreach (var p in Encoder.Parameters("")) p.Value.RequiresGrad = false;
        foreach (var (role, layer) in Encoder.ProjectionLayers())
            if (options.TargetRoles.Contains(role)) layer.AttachLora(options.Rank, options.Alpha, options.Dropout, random);
    }

    /// <summary>Folds every adapter into its base weight; afterwards the model has only base tensor names.</summary>
    public void MergeLora()
    {
        foreach (var (_, layer) in Encoder.ProjectionLayers()) layer.MergeLora();
    }

    /// <summary>Copies the weights of <paramref name="source"/> (e.g. after masked-LM pre-training) into this encoder.</summary>
    public void CopyEncoderFrom(TransformerEncoder source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Config with { NumLabels = Config.NumLabels, HiddenDropout = Config.HiddenDropout, AttentionDropout = Config.AttentionDropout } != Config)
            throw new ArgumentException("The source encoder's shape differs from this model's.", nameof(source));
        var from = source.Parameters("").ToDictionary(p => p.Name, p => p.Value);
        foreach (var p in Encoder.Parameters("")) from[p.Name].Data.CopyTo(p.Value.Data);
    }

    /// <summary>Whether any LoRA adapter is attached.</summary>
    public bool HasLora => Encoder.ProjectionLayers().Any(l => l.Layer.Lora is not null);

    /// <inheritdoc />
    public override IEnumerable<NamedParameter> Parameters(string prefix)
    {
        foreach (var p in Encoder.Parameters(Join(prefix, "bert"))) yield return p;
        foreach (var p in Pooler.Parameters(Join(prefix, "bert.pooler.dense"))) yield return p;
        foreach (var p in Classifier.Parameters(Join(prefix, "classifier"))) yield return p;
    }

    /// <summary>All parameters with their Hugging Face names.</summary>
    public IReadOnlyList<NamedParameter> Parameters() => Parameters("").ToList();
}
