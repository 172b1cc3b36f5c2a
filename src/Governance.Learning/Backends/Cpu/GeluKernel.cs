using System.Runtime.Intrinsics;

namespace Governance.Learning.Backends.Cpu;

/// <summary>
/// GELU in the erf form, GELU(x) = x * Phi(x) = 0.5 x (1 + erf(x / sqrt 2)), as BERT and PyTorch's default.
/// erf uses Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7), vectorised with Vector256.
/// </summary>
internal static class GeluKernel
{
    private const float P = 0.3275911f;
    private const float A1 = 0.254829592f, A2 = -0.284496736f, A3 = 1.421413741f, A4 = -1.453152027f, A5 = 1.061405429f;
    private const float InvSqrt2 = 0.70710678118654752f;
    private const float InvSqrt2Pi = 0.39894228040143268f;

    /// <summary>Scalar erf, the reference for the vector path.</summary>
    public static float Erf(float x)
    {
        var ax = MathF.Abs(x);
        var t = 1f / (1f + P * ax);
        var poly = t * (A1 + t * (A2 + t * (A3 + t * (A4 + t * A5))));
        var r = 1f - poly * MathF.Exp(-ax * ax);
        return x < 0 ? -r : r;
    }

    private static Vector256<float> Erf(Vector256<float> x)
    {
        var ax = Vector256.Abs(x);
        var t = Vector256<float>.One / (Vector256<float>.One + Vector256.Create(P) * ax);
        var poly = t * (Vector256.Create(A1) + t * (Vector256.Create(A2) + t * (Vector256.Create(A3) + t * (Vector256.Create(A4) + t * Vector256.Create(A5)))));
        var r = Vector256<float>.One - poly * Vector256.Exp(-ax * ax);
        // Copy the sign of x onto r.
        var sign = x & Vector256.Create(-0f);
        return r | sign;
    }

    public static void Forward(ReadOnlySpan<float> x, Span<float> y)
    {
        var i = 0;
        var half = Vector256.Create(0.5f);
        var s = Vector256.Create(InvSqrt2);
        for (; i <= x.Length - 8; i += 8)
        {
            var v = Vector256.Create(x.Slice(i, 8));
            (half * v * (Vector256<float>.One + Erf(v * s))).CopyTo(y.Slice(i, 8));
        }
        for (; i < x.Length; i++) y[i] = 0.5f * x[i] * (1f + Erf(x[i] * InvSqrt2));
    }

    /// <summary>dx += dy * (Phi(x) + x * phi(x)); erf(x/sqrt 2) and phi(x) share exp(-x^2/2).</summary>
    public static void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        var i = 0;
        var half = Vector256.Create(0.5f);
        var s = Vector256.Create(InvSqrt2);
        var c = Vector256.Create(InvSqrt2Pi);
        for (; i <= x.Length - 8; i += 8)
        {
            var v = Vector256.Create(x.Slice(i, 8));
            var u = v * s;
            var au = Vector256.Abs(u);
            var t = Vector256<float>.One / (Vector256<float>.One + Vector256.Create(P) * au);
            var poly = t * (Vector256.Create(A1) + t * (Vector256.Create(A2) + t * (Vector256.Create(A3) + t * (Vector256.Create(A4) + t * Vector256.Create(A5)))));
            var e = Vector256.Exp(-au * au);
            var erf = (Vector256<float>.One - poly * e) | (u & Vector256.Create(-0f));
            var cdf = half * (Vector256<float>.One + erf);
            var g = Vector256.Create(dx.Slice(i, 8)) + Vector256.Create(dy.Slice(i, 8)) * (cdf + v * c * e);
            g.CopyTo(dx.Slice(i, 8));
        }
        for (; i < x.Length; i++)
        {
            var v = x[i];
            var cdf = 0.5f * (1f + Erf(v * InvSqrt2));
            var pdf = InvSqrt2Pi * MathF.Exp(-0.5f * v * v);
            dx[i] += dy[i] * (cdf + v * pdf);
        }
    }
}
