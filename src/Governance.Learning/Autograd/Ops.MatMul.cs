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
            Tape.Record(() =>
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

    /// <summary>x (N, in) times weight (out, in) transposed plus bias (out): (N, out). PyTorch's nn.Linear layout.</summary>
    public static Tensor Linear(Tensor x, Tensor weight, Tensor? bias)
    {
        ArgumentNullException.ThrowIfNull(weight);
        var y = MatMul(x, weight, transB: true);
        return bias is null ? y : Add(y, bias);
    }
}
