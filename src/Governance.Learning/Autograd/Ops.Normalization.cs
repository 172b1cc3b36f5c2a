using Governance.Learning.Backends;
using Governance.Learning.Tensors;

namespace Governance.Learning.Autograd;

public static partial class Ops
{
    /// <summary>Softmax over the last dimension.</summary>
    public static Tensor Softmax(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var (rows, cols) = Broadcast.RowsOf(x.Shape);
        var y = Tensor.Empty(x.Shape);
        Backend.For(BackendOp.Softmax).Softmax(x.Array, y.Array, rows, cols);
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is { } dy) Backend.For(BackendOp.Softmax).SoftmaxBackward(y.Array, dy, x.EnsureGrad(), rows, cols);
            });
        }
        return y;
    }

    /// <summary>Layer normalisation over the last dimension with scale and shift (biased variance, as PyTorch).</summary>
    public static Tensor LayerNorm(Tensor x, Tensor gamma, Tensor beta, float eps)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(beta);
        var (rows, cols) = Broadcast.RowsOf(x.Shape);
        if (gamma.Size != cols || beta.Size != cols)
            throw new ArgumentException($"LayerNorm over {cols} features got gamma {gamma} and beta {beta}.", nameof(gamma));
        var y = Tensor.Empty(x.Shape);
        var mean = Tensor.Empty(rows);
        var rstd = Tensor.Empty(rows);
        Backend.For(BackendOp.LayerNorm).LayerNorm(x.Array, gamma.Array, beta.Array, y.Array, mean.Array, rstd.Array, rows, cols, eps);
        if (Tape.ShouldRecord(x) || Tape.ShouldRecord(gamma, beta))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy) return;
                var dx = x.RequiresGrad ? x.EnsureGrad() : new float[x.Size];
                Backend.For(BackendOp.LayerNorm).LayerNormBackward(x.Array, gamma.Array, mean.Array, rstd.Array, dy, dx,
                    gamma.RequiresGrad ? gamma.EnsureGrad() : null, beta.RequiresGrad ? beta.EnsureGrad() : null, rows, cols);
            });
        }
        return y;
    }
}
