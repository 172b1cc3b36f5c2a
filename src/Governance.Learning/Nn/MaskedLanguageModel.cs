using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>
/// BertForMaskedLM: encoder, transform (dense, GELU, layer norm), decoder tied to the word embeddings plus a
/// bias. Names: "bert.…", "cls.predictions.transform.dense.*", "cls.predictions.transform.LayerNorm.*",
/// "cls.predictions.bias". Used for domain-adaptive pre-training before fine-tuning.
/// </summary>
public sealed class MaskedLanguageModel : Module
{
    /// <summary>Creates a randomly initialised model.</summary>
    public MaskedLanguageModel(EncoderConfig config, ulong seed = 42)
    {
        ArgumentNullException.ThrowIfNull(config);
        var random = new RandomSource(seed);
        Encoder = new TransformerEncoder(config, random);
        Transform = new Linear(config.HiddenSize, config.HiddenSize, random, config.InitializerRange);
        TransformNorm = new LayerNorm(config.HiddenSize, config.LayerNormEps);
        DecoderBias = Init.Constant(0f, config.VocabSize);
    }

    /// <summary>Shape of the model.</summary>
    public EncoderConfig Config => Encoder.Config;

    /// <summary>The encoder (copy it into a classifier after pre-training).</summary>
    public TransformerEncoder Encoder { get; }

    /// <summary>cls.predictions.transform.dense.</summary>
    public Linear Transform { get; }

    /// <summary>cls.predictions.transform.LayerNorm.</summary>
    public LayerNorm TransformNorm { get; }

    /// <summary>cls.predictions.bias (V).</summary>
    public Tensor DecoderBias { get; }

    /// <summary>Vocabulary logits (B*T, V).</summary>
    public Tensor Forward(Nn.EncoderBatch batch, bool training, RandomSource random)
    {
        var hidden = Encoder.Forward(batch, training, random);
        var h = TransformNorm.Forward(Ops.Gelu(Transform.Forward(hidden, training, random)));
        return Ops.Add(Ops.MatMul(h, Encoder.Embeddings.Word, transB: true), DecoderBias);
    }

    /// <inheritdoc />
    public override IEnumerable<NamedParameter> Parameters(string prefix)
    {
        foreach (var p in Encoder.Parameters(Join(prefix, "bert"))) yield return p;
        foreach (var p in Transform.Parameters(Join(prefix, "cls.predictions.transform.dense"))) yield return p;
        foreach (var p in TransformNorm.Parameters(Join(prefix, "cls.predictions.transform.LayerNorm"))) yield return p;
        yield return new NamedParameter(Join(prefix, "cls.predictions.bias"), DecoderBias, false);
    }

    /// <summary>All parameters with their Hugging Face names.</summary>
    public IReadOnlyList<NamedParameter> Parameters() => Parameters("").ToList();
}
