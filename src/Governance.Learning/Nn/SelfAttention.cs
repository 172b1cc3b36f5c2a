using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>Multi-head self-attention with BERT's parameter names (query, key, value, output.dense).</summary>
public sealed class SelfAttention : Module
{
    private readonly EncoderConfig _config;

    /// <summary>Creates the four projections.</summary>
    public SelfAttention(EncoderConfig config, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(config);
        _config = config;
        var d = config.HiddenSize;
        Query = new Linear(d, d, random, config.InitializerRange);
        Key = new Linear(d, d, random, config.InitializerRange);
        Value = new Linear(d, d, random, config.InitializerRange);
        Output = new Linear(d, d, random, config.InitializerRange);
    }

    /// <summary>Query projection.</summary>
    public Linear Query { get; }

    /// <summary>Key projection.</summary>
    public Linear Key { get; }

    /// <summary>Value projection.</summary>
    public Linear Value { get; }

    /// <summary>Output projection (attention.output.dense).</summary>
    public Linear Output { get; }

    /// <summary>x (B*T, d), additive key mask (B, 1, 1, T): (B*T, d).</summary>
    public Tensor Forward(Tensor x, Tensor keyMask, int batch, int seqLen, bool training, RandomSource random)
    {
        int h = _config.NumHeads, hd = _config.HeadSize;
        var q = Heads(Query.Forward(x, training, random), batch, seqLen);
        var k = Heads(Key.Forward(x, training, random), batch, seqLen);
        var v = Heads(Value.Forward(x, training, random), batch, seqLen);
        var scores = Ops.Reshape(Ops.MatMul(q, k, transB: true), batch, h, seqLen, seqLen);    // (B, H, T, T)
        var probs = Ops.ScaledMaskedSoftmax(scores, keyMask, 1f / MathF.Sqrt(hd));
        if (training) probs = Ops.Dropout(probs, _config.AttentionDropout, random);
        var context = Ops.MatMul(Ops.Reshape(probs, batch * h, seqLen, seqLen), v);              // (B*H, T, hd)
        var merged = Ops.Permute(Ops.Reshape(context, batch, h, seqLen, hd), 0, 2, 1, 3);        // (B, T, H, hd)
        return Output.Forward(Ops.Reshape(merged, batch * seqLen, _config.HiddenSize), training, random);
    }

    /// <summary>(B*T, d) to (B*H, T, hd).</summary>
    private Tensor Heads(Tensor x, int batch, int seqLen)
    {
        var split = Ops.Reshape(x, batch, seqLen, _config.NumHeads, _config.HeadSize);
        return Ops.Reshape(Ops.Permute(split, 0, 2, 1, 3), batch * _config.NumHeads, seqLen, _config.HeadSize);
    }

    /// <inheritdoc />
    public override IEnumerable<NamedParameter> Parameters(string prefix)
    {
        foreach (var p in Query.Parameters(Join(prefix, "self.query"))) yield return p;
        foreach (var p in Key.Parameters(Join(prefix, "self.key"))) yield return p;
        foreach (var p in Value.Parameters(Join(prefix, "self.value"))) yield return p;
        foreach (var p in Output.Parameters(Join(prefix, "output.dense"))) yield return p;
    }
}
