using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Governance.Learning.Backends;
using Governance.Learning.Tensors;

namespace Governance.Learning.Autograd;

/// <summary>The primitive differentiable ops. Each records its backward rule on the <see cref="Tape"/>.</summary>
public static partial class Ops
{
    /// <summary>
    /// Matrix product op(a) * op(b) of two matrices (M x K)(K x N) or two batches (B, M, K)(B, K, N);
    /// <paramref name="transA"/>/<paramref name="transB"/> read the last two dims transposed.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b, bool transA = false, bool transB = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Rank != b.Rank || a.Rank is < 2 or > 3)
            throw new ArgumentException($"MatMul needs two matrices or two batches of equal rank, got {a} and {b}.", nameof(b));
        var batch = a.Rank == 3 ? a.Shape[0] : 1;
        if (a.Rank == 3 && b.Shape[0] != batch)
            throw new ArgumentException($"MatMul batch sizes differ: {a} and {b}.", nameof(b));
        int ar = a.Dim(-2), ac = a.Dim(-1), br = b.Dim(-2), bc = b.Dim(-1);
        var (m, k) = transA ? (ac, ar) : (ar, ac);
        var (k2, n) = transB ? (bc, br) : (br, bc);
        if (k != k2)
            throw new ArgumentException($"MatMul inner dimensions differ: op(a) is {m}x{k}, op(b) is {k2}x{n} ({a}, {b}).", nameof(b));
        var c = Tensor.Empty(a.Rank == 3 ? [batch, m, n] : [m, n]);
        var backend = Backend.For(BackendOp.MatMul);
        backend.MatMul(transA, transB, batch, m, n, k, a.Array, b.Array, false, c.Array, false);
        if (Tape.ShouldRecord(a, b))
        {
            c.RequiresGrad = true;
            Tape.Record(c, () =>
            {
                var dc = c.GradArray;
                if (dc is null) return;
                var be = Backend.For(BackendOp.MatMul);
                if (a.RequiresGrad)
                {
                    if (!transA) be.MatMul(false, !transB, batch, m, k, n, dc, b.Array, false, a.EnsureGrad(), true);
                    else be.MatMul(transB, true, batch, k, m, n, b.Array, dc, false, a.EnsureGrad(), true);
                }
                if (b.RequiresGrad)
                {
                    if (!transB) be.MatMul(!transA, false, batch, k, n, m, a.Array, dc, false, b.EnsureGrad(), true);
                    else be.MatMul(true, transA, batch, n, k, m, dc, a.Array, false, b.EnsureGrad(), true);
                }
            });
        }
        return c;
    }

    /// <summary>
    /// x (N, in) times weight (out, in) transposed plus bias (out): (N, out), PyTorch's nn.Linear layout.
    /// One op: the bias seeds C before the product accumulates, and its gradient is a column sum of dY.
    /// </summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(weight);
        if (bias is null) return MatMul(x, weight, transB: true);
        if (x.Rank != 2 || weight.Rank != 2 || x.Shape[1] != weight.Shape[1] || bias.Size != weight.Shape[0])
            throw new ArgumentException($"Linear needs x (N, in), weight (out, in), bias (out); got {x}, {weight}, {bias}.", nameof(x));
        int n = x.Shape[0], inF = x.Shape[1], outF = weight.Shape[0];
        var y = Tensor.Empty(n, outF);
        float[] yd = y.Array, bd = bias.Array;
        Backend.Cpu.ForChunks(n, outF, (s, e) =>
        {
            for (var r = s; r < e; r++) bd.AsSpan().CopyTo(yd.AsSpan(r * outF, outF));
        });
        Backend.For(BackendOp.MatMul).MatMul(false, true, 1, n, outF, inF, x.Array, weight.Array, false, yd, accumulate: true);
        if (Tape.ShouldRecord(x, weight) || Tape.ShouldRecord(bias))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy) return;
                var be = Backend.For(BackendOp.MatMul);
                if (x.RequiresGrad) be.MatMul(false, false, 1, n, inF, outF, dy, weight.Array, false, x.EnsureGrad(), true);
                if (weight.RequiresGrad) be.MatMul(true, false, 1, outF, inF, n, dy, x.Array, false, weight.EnsureGrad(), true);
                if (bias.RequiresGrad) ColumnSums(dy, n, outF, bias.EnsureGrad());
            });
        }
        return y;
    }

    /// <summary>sums[j] += sum over rows of m[r, j]; split by column blocks, rows in order, so it is deterministic.</summary>
    private static void ColumnSums(float[] m, int rows, int cols, float[] sums) =>
        Backend.Cpu.ForChunks((cols + 63) / 64, rows * 64L, (s, e) =>
        {
            var from = s * 64;
            var width = Math.Min(cols, e * 64) - from;
            var acc = sums.AsSpan(from, width);
            for (var r = 0; r < rows; r++) TensorPrimitives.Add(acc, m.AsSpan(r * cols + from, width), acc);
        });
}
