using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Governance.Learning.Backends;
using Governance.Learning.Tensors;

namespace Governance.Learning.Autograd;

public static partial class Ops
{
    /// <summary>a + b with broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Binary(a, b, multiply: false);

    /// <summary>a * b elementwise with broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b) => Binary(a, b, multiply: true);

    private static Tensor Binary(Tensor a, Tensor b, bool multiply)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = Broadcast.ResultShape(a.Shape, b.Shape);
        var y = Tensor.Empty(shape);
        var (rows, last) = Broadcast.RowsOf(shape);
        var ba = Broadcast.Of(a.Shape, shape);
        var bb = Broadcast.Of(b.Shape, shape);
        float[] ad = a.Array, bd = b.Array, yd = y.Array;
        Backend.Cpu.ForChunks(rows, last, (s, e) =>
        {
            for (var r = s; r < e; r++)
            {
                var yr = yd.AsSpan(r * last, last);
                int oa = ba.RowOffset(r), ob = bb.RowOffset(r);
                if (ba.InnerContiguous && bb.InnerContiguous)
                {
                    if (multiply) TensorPrimitives.Multiply(ad.AsSpan(oa, last), bd.AsSpan(ob, last), yr);
                    else TensorPrimitives.Add(ad.AsSpan(oa, last), bd.AsSpan(ob, last), yr);
                }
                else if (ba.InnerContiguous)
                {
                    if (multiply) TensorPrimitives.Multiply(ad.AsSpan(oa, last), bd[ob], yr);
                    else TensorPrimitives.Add(ad.AsSpan(oa, last), bd[ob], yr);
                }
                else if (bb.InnerContiguous)
                {
                    if (multiply) TensorPrimitives.Multiply(bd.AsSpan(ob, last), ad[oa], yr);
                    else TensorPrimitives.Add(bd.AsSpan(ob, last), ad[oa], yr);
                }
                else
                {
                    yr.Fill(multiply ? ad[oa] * bd[ob] : ad[oa] + bd[ob]);
                }
            }
        });
        if (Tape.ShouldRecord(a, b))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                var dy = y.GradArray;
                if (dy is null) return;
                if (a.RequiresGrad) ReduceInto(dy, multiply ? b : null, bb, ba, a.EnsureGrad(), rows, last);
                if (b.RequiresGrad) ReduceInto(dy, multiply ? a : null, ba, bb, b.EnsureGrad(), rows, last);
            });
        }
        return y;
    }

    /// <summary>grad += dy (times the other operand for a product), summed over broadcast dims.</summary>
    private static void ReduceInto(float[] dy, Tensor? other, Broadcast otherMap, Broadcast selfMap, float[] grad, int rows, int last)
    {
        var od = other?.Array;
        if (selfMap.IsIdentity)
        {
            // Operand has the output's shape: rows map one to one, so threads may split them.
            Backend.Cpu.ForChunks(rows, last, (s, e) =>
            {
                for (var r = s; r < e; r++)
                {
                    var g = grad.AsSpan(r * last, last);
                    var d = dy.AsSpan(r * last, last);
                    if (other is null) TensorPrimitives.Add(g, d, g);
                    else if (otherMap.InnerContiguous) TensorPrimitives.MultiplyAdd(d, od.AsSpan(otherMap.RowOffset(r), last), g, g);
                    else TensorPrimitives.MultiplyAdd(d, od![otherMap.RowOffset(r)], g, g);
                }
            });
            return;
        }
        var tmp = other is null ? null : new float[last];
        // Sequential over rows: several output rows may add into one operand row.
        for (var r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> src = dy.AsSpan(r * last, last);
            if (tmp is not null)
            {
                var oo = otherMap.RowOffset(r);
                if (otherMap.InnerContiguous) TensorPrimitives.Multiply(src, od.AsSpan(oo, last), tmp);
                else TensorPrimitives.Multiply(src, od![oo], tmp);
                src = tmp;
            }
            var go = selfMap.RowOffset(r);
            if (selfMap.InnerContiguous)
            {
                var g = grad.AsSpan(go, last);
                TensorPrimitives.Add(g, src, g);
            }
            else
            {
                grad[go] += TensorPrimitives.Sum(src);
            }
        }
    }

    /// <summary>x * s for a constant s.</summary>
    public static Tensor Scale(Tensor x, float s)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Shape);
        TensorPrimitives.Multiply(x.Data, s, y.Data);
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is null) return;
                var g = x.EnsureGrad().AsSpan();
                TensorPrimitives.MultiplyAdd(y.Grad, s, g, g);
            });
        }
        return y;
    }

    /// <summary>GELU, erf form (BERT, PyTorch default). Abramowitz-Stegun erf, error below 2e-7.</summary>
    public static Tensor Gelu(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Shape);
        Backend.For(BackendOp.Gelu).Gelu(x.Array, y.Array);
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is { } dy) Backend.For(BackendOp.Gelu).GeluBackward(x.Array, dy, x.EnsureGrad());
            });
        }
        return y;
    }

    /// <summary>tanh elementwise (BERT pooler).</summary>
    public static Tensor Tanh(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var y = Tensor.Empty(x.Shape);
        TensorPrimitives.Tanh(x.Data, y.Data);
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy) return;
                var g = x.EnsureGrad();
                var yd = y.Array;
                for (var i = 0; i < g.Length; i++) g[i] += dy[i] * (1f - yd[i] * yd[i]);
            });
        }
        return y;
    }

    /// <summary>
    /// Inverted dropout: zeroes each element with probability <paramref name="p"/> and scales the rest by
    /// 1/(1-p). Identity when p is 0.
    /// </summary>
    public static Tensor Dropout(Tensor x, float p, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(random);
        if (p is < 0f or >= 1f) throw new ArgumentOutOfRangeException(nameof(p), p, "Dropout probability must be in [0, 1).");
        if (p == 0f) return x;
        var mask = Tensor.Empty(x.Shape);
        var keep = 1f / (1f - p);
        float[] md = mask.Array, xd = x.Array;
        var y = Tensor.Empty(x.Shape);
        var yd = y.Array;
        // Two draws per call seed a counter-based hash, so the mask is the same however the work is split.
        var (seed0, seed1) = (random.NextUInt(), random.NextUInt());
        Backend.Cpu.ForChunks((md.Length + 4095) / 4096, 4096, (s, e) =>
        {
            var from = s * 4096;
            var len = Math.Min(md.Length, e * 4096) - from;
            Backends.Cpu.DropoutMask.Fill(md.AsSpan(from, len), from, seed0, seed1, p, keep);
            TensorPrimitives.Multiply(xd.AsSpan(from, len), md.AsSpan(from, len), yd.AsSpan(from, len));
        });
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is null) return;
                var g = x.EnsureGrad().AsSpan();
                TensorPrimitives.MultiplyAdd(y.Grad, mask.Data, g, g);
            });
        }
        return y;
    }

    /// <summary>
    /// Where <paramref name="mask"/> (broadcast to x) is non-zero the output is <paramref name="value"/>,
    /// elsewhere x. No gradient flows to filled elements.
    /// </summary>
    public static Tensor MaskedFill(Tensor x, Tensor mask, float value)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(mask);
        var shape = Broadcast.ResultShape(x.Shape, mask.Shape);
        if (!shape.AsSpan().SequenceEqual(x.Shape))
            throw new ArgumentException($"Mask {mask} must broadcast to {x} without growing it.", nameof(mask));
        var map = Broadcast.Of(mask.Shape, shape);
        var (rows, last) = Broadcast.RowsOf(shape);
        var y = Tensor.Empty(x.Shape);
        float[] xd = x.Array, md = mask.Array, yd = y.Array;
        for (var r = 0; r < rows; r++)
        {
            var o = map.RowOffset(r);
            for (var j = 0; j < last; j++)
                yd[r * last + j] = md[o + (map.InnerContiguous ? j : 0)] != 0f ? value : xd[r * last + j];
        }
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy) return;
                var g = x.EnsureGrad();
                for (var r = 0; r < rows; r++)
                {
                    var o = map.RowOffset(r);
                    for (var j = 0; j < last; j++)
                        if (md[o + (map.InnerContiguous ? j : 0)] == 0f) g[r * last + j] += dy[r * last + j];
                }
            });
        }
        return y;
    }
}
