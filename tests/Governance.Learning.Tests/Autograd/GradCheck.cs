using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Tests.Autograd;

/// <summary>Compares tape gradients with central finite differences of L = sum(f(x) * R) for a fixed random R.</summary>
internal static class GradCheck
{
    public static Tensor Random(RandomSource random, float scale, params int[] shape)
    {
        var t = Tensor.Parameter(shape);
        var d = t.Data;
        for (var i = 0; i < d.Length; i++) d[i] = random.NextNormal() * scale;
        return t;
    }

    /// <summary>Asserts |analytic - numeric| &lt;= atol + rtol * |numeric| for every input element.</summary>
    public static void Check(Func<Tensor[], Tensor> f, Tensor[] inputs, float atol, float rtol, float eps = 1e-2f)
    {
        var random = new RandomSource(99);
        float[] weights;
        using (var scope = new TensorScope())
        using (Tape.NoGrad())
        {
            var probe = f(inputs);
            weights = Enumerable.Range(0, probe.Size).Select(_ => random.NextNormal()).ToArray();
        }
        double Loss()
        {
            using var scope = new TensorScope();
            using var noGrad = Tape.NoGrad();
            var y = f(inputs).Data;
            double s = 0;
            for (var i = 0; i < y.Length; i++) s += (double)y[i] * weights[i];
            return s;
        }
        foreach (var x in inputs) x.DropGrad();
        using (var scope = new TensorScope())
        {
            var y = f(inputs);
            var w = Tensor.FromArray(weights, y.Shape);
            Tape.Backward(Ops.Sum(Ops.Mul(y, w)));
        }
        foreach (var x in inputs.Where(t => t.RequiresGrad))
        {
            var analytic = x.HasGrad ? x.Grad.ToArray() : new float[x.Size];
            var data = x.Data;
            for (var i = 0; i < x.Size; i++)
            {
                var saved = data[i];
                data[i] = saved + eps;
                var plus = Loss();
                data[i] = saved - eps;
                var minus = Loss();
                data[i] = saved;
                var numeric = (plus - minus) / (2 * eps);
                var error = Math.Abs(analytic[i] - numeric);
                Assert.True(error <= atol + rtol * Math.Abs(numeric),
                    $"{x} element {i}: analytic {analytic[i]}, numeric {numeric}");
            }
        }
    }
}
