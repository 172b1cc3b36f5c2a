using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>Layer normalisation with learned scale ("weight") and shift ("bias").</summary>
public sealed class LayerNorm(int width, float eps) : Module
{
    /// <summary>Scale, initialised to one.</summary>
    public Tensor Weight { get; } = Init.Constant(1f, width);

    /// <summary>Shift, initialised to zero.</summary>
    public Tensor Bias { get; } = Init.Constant(0f, width);

    /// <summary>Normalises the last dimension.</summary>
    public Tensor Forward(Tensor x) => Ops.LayerNorm(x, Weight, Bias, eps);

    /// <inheritdoc />
    public override IEnumerable<NamedParameter> Parameters(string prefix)
    {
        yield return new NamedParameter(Join(prefix, "weight"), Weight, false);
        yield return new NamedParameter(Join(prefix, "bias"), Bias, false);
    }
}
