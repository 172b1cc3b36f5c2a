using System.Runtime.Intrinsics;

namespace Governance.Learning.Optim;

/// <summary>The AdamW element update, vectorised; same arithmetic order as the scalar tail (and as PyTorch).</summary>
internal static class AdamWKernel
{
    public static void Update(Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v, float decay,
        float beta1, float beta2, float stepSize, float bc2Sqrt, float eps)
    {
        var j = 0;
        if (!g.IsEmpty)
        {
            var (d, b1, b2, ob1, ob2) = (Vector256.Create(decay), Vector256.Create(beta1), Vector256.Create(beta2), Vector256.Create(1f - beta1), Vector256.Create(1f - beta2));
            var (ss, bc, ep) = (Vector256.Create(stepSize), Vector256.Create(bc2Sqrt), Vector256.Create(eps));
            for (; j <= w.Length - 8; j += 8)
            {
                var gj = Vector256.Create(g.Slice(j, 8));
                var wj = Vector256.Create(w.Slice(j, 8)) * d;
                var mj = b1 * Vector256.Create(m.Slice(j, 8)) + ob1 * gj;
                var vj = b2 * Vector256.Create(v.Slice(j, 8)) + ob2 * gj * gj;
                wj -= ss * mj / (Vector256.Sqrt(vj) / bc + ep);
                wj.CopyTo(w.Slice(j, 8));
                mj.CopyTo(m.Slice(j, 8));
                vj.CopyTo(v.Slice(j, 8));
            }
        }
        for (; j < w.Length; j++)
        {
            var gj = g.IsEmpty ? 0f : g[j];
            w[j] *= decay;
            m[j] = beta1 * m[j] + (1f - beta1) * gj;
            v[j] = beta2 * v[j] + (1f - beta2) * gj * gj;
            w[j] -= stepSize * m[j] / (MathF.Sqrt(v[j]) / bc2Sqrt + eps);
        }
    }
}
