using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>Parameter initialisers.</summary>
internal static class Init
{
    /// <summary>N(0, std) as BERT's initializer_range.</summary>
    public static Tensor Normal(RandomSource random, float std, params int[] shape)
    {
        var t = Tensor.Parameter(shape);
        var d = t.Data;
        for (var i = 0; i < d.Length; i++) d[i] = random.NextNormal() * std;
        return t;
    }

    /// <summary>U(-bound, bound).</summary>
    public static Tensor Uniform(RandomSource random, float bound, params int[] shape)
    {
        var t = Tensor.Parameter(shape);
        var d = t.Data;
        for (var i = 0; i < d.Length; i++) d[i] = (random.NextFloat() * 2f - 1f) * bound;
        return t;
    }

    public static Tensor Constant(float value, params int[] shape)
    {
        var t = Tensor.Parameter(shape);
        t.Data.Fill(value);
        return t;
    }
}
