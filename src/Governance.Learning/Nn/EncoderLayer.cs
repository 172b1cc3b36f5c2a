using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>
/// One transformer block. Post-LN (BERT): x = LN(x + Attn(x)); x = LN(x + FF(x)).
/// Pre-LN: x = x + Attn(LN(x)); x = x + FF(LN(x)). Names follow Hugging Face's BertLayer.
/// </summary>
public sealed class EncoderLayer : Module
{
    private readonly EncoderConfig _config;

    /// <summary>Creates the block.</summary>
    public EncoderLayer(EncoderConfig config, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        Attention = new SelfAttention(config, random);
        AttentionNorm = new LayerNorm(config.HiddenSize, config.LayerNormEps);
        Intermediate = new Linear(config.HiddenSize, config.IntermediateSize, random, config.InitializerRange);
        FeedForwardOutput = new Linear(config.IntermediateSize, config.HiddenSize, random, config.InitializerRange);
        OutputNorm = new LayerNorm(config.HiddenSize, config.LayerNormEps);
    }

    /// <summary>Self-attention.</summary>
    public SelfAttention Attention { get; }

    /// <summary>attention.output.LayerNorm.</summary>
    public LayerNorm AttentionNorm { get; }

    /// <summary>intermediate.dense (d to ff).</summary>
    public Linear Intermediate { get; }

    /// <summary>output.dense (ff to d).</summary>
    public Linear FeedForwardOutput { get; }

    /// <summary>output.LayerNorm.</summary>
    public LayerNorm OutputNorm { get; }

    /// <summary>x (B*T, d) to (B*T, d).</summary>
    public Tensor Forward(Tensor x, Tensor keyMask, int batch, int seqLen, bool training, RandomSource random)
    {
        var p = _config.HiddenDropout;
        if (_config.PreLayerNorm)
        {
            var a = Attention.Forward(AttentionNorm.Forward(x), keyMask, batch, seqLen, training, random);
            x = Ops.Add(x, training ? Ops.Dropout(a, p, random) : a);
            var f = FeedForward(OutputNorm.Forward(x), training, random);
            return Ops.Add(x, training ? Ops.Dropout(f, p, random) : f);
        }
        var attn = Attention.Forward(x, keyMask, batch, seqLen, training, random);
        x = AttentionNorm.Forward(Ops.Add(training ? Ops.Dropout(attn, p, random) : attn, x));
        var ff = FeedForward(x, training, random);
        return OutputNorm.Forward(Ops.Add(training ? Ops.Dropout(ff, p, random) : ff, x));
    }

    private Tensor FeedForward(Tensor x, bool training, RandomSource random) =>
        FeedForwardOutput.Forward(Ops.Gelu(Intermediate.Forward(x, training, random)), training, random);

    /// <inheritdoc />
    public override IEnumerable<NamedParameter> Parameters(string prefix)
    {
        foreach (var q in Attention.Parameters(Join(prefix, "attention"))) yield return q;
        foreach (var q in AttentionNorm.Parameters(Join(prefix, "attention.output.LayerNorm"))) yield return q;
        foreach (var q in Intermediate.Parameters(Join(prefix, "intermediate.dense"))) yield return q;
        foreach (var q in FeedForwardOutput.Parameters(Join(prefix, "output.dense"))) yield return q;
        foreach (var q in OutputNorm.Parameters(Join(prefix, "output.LayerNorm"))) yield return q;
    }
}
