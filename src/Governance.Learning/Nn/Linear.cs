using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>y = x W^T + b with W (out, in) as in PyTorch; optionally carries a LoRA adapter.</summary>
public sealed class Linear : Module
{
    /// <summary>Creates a layer with N(0, std) weights and zero bias.</summary>
    public Linear(int inFeatures, int outFeatures, RandomSource random, float std)
    {
        ArgumentNullException.ThrowIfNull(random);
        Weight = Init.Normal(random, std, outFeatures, inFeatures);
        Bias = Init.Constant(0f, outFeatures);
    }

    /// <summary>Weight (out, in).</summary>
    public Tensor Weight { get; }

    /// <summary>Bias (out).</summary>
    public Tensor Bias { get; }

    /// <summary>The LoRA adapter, when one is attached.</summary>
    public LoraAdapter? Lora { get; private set; }

    /// <summary>Input width.</summary>
    public int InFeatures => Weight.Shape[1];

    /// <summary>Output width.</summary>
    public int OutFeatures => Weight.Shape[0];

    /// <summary>x (N, in) to (N, out).</summary>
    public Tensor Forward(Tensor x, bool training, RandomSource random)
    {
        var y = Ops.Linear(x, Weight, Bias);
        if (Lora is null) return y;
        var input = training ? Ops.Dropout(x, Lora.Dropout, random) : x;
        var low = Ops.MatMul(input, Lora.A, transB: true);
        var up = Ops.MatMul(low, Lora.B, transB: true);
        return Ops.Add(y, Ops.Scale(up, Lora.Scale));
    }

    /// <summary>Attaches a LoRA adapter and freezes the base weight and bias.</summary>
    public void AttachLora(int rank, float alpha, float dropout, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (rank <= 0) throw new ArgumentOutOfRangeException(nameof(rank), rank, "LoRA rank must be positive.");
        if (Lora is not null) throw new InvalidOperationException("This layer already has a LoRA adapter.");
        // A as PyTorch's kaiming_uniform(a=sqrt 5): bound = 1/sqrt(in).
        var a = Init.Uniform(random, 1f / MathF.Sqrt(InFeatures), rank, InFeatures);
        var b = Init.Constant(0f, OutFeatures, rank);
        Lora = new LoraAdapter(a, b, alpha / rank, dropout);
        Weight.RequiresGrad = false;
        Bias.RequiresGrad = false;
    }

    /// <summary>Folds the adapter into the weight (W += scale * B A) and removes it.</summary>
    public void MergeLora()
    {
        if (Lora is null) return;
        using (Tape.NoGrad())
        using (new TensorScope())
        {
            var delta = Ops.MatMul(Lora.B, Lora.A);
            var w = Weight.Data;
            var d = delta.Data;
            for (var i = 0; i < w.Length; i++) w[i] += Lora.Scale * d[i];
        }
        Lora = null;
    }

    /// <inheritdoc />
    public override IEnumerable<NamedParameter> Parameters(string prefix)
    {
        yield return new NamedParameter(Join(prefix, "weight"), Weight, true);
        yield return new NamedParameter(Join(prefix, "bias"), Bias, false);
        if (Lora is null) yield break;
        yield return new NamedParameter(Join(prefix, "lora_A.weight"), Lora.A, true);
        yield return new NamedParameter(Join(prefix, "lora_B.weight"), Lora.B, true);
    }
}
