using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Governance.Learning.Tensors;

namespace Governance.Learning.Autograd;

public static partial class Ops
{
    /// <summary>Same elements, new shape (one dimension may be -1). Shares storage with x.</summary>
    public static Tensor Reshape(Tensor x, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(shape);
        shape = (int[])shape.Clone();
        var infer = Array.IndexOf(shape, -1);
        if (infer >= 0)
        {
            var known = 1;
            for (var i = 0; i < shape.Length; i++) if (i != infer) known *= shape[i];
            if (known == 0 || x.Size % known != 0)
                throw new ArgumentException($"Cannot reshape {x} to [{string.Join(", ", shape)}].", nameof(shape));
            shape[infer] = x.Size / known;
        }
        if (Tensor.CheckedSize(shape) != x.Size)
            throw new ArgumentException($"Cannot reshape {x} ({x.Size} elements) to [{string.Join(", ", shape)}].", nameof(shape));
        // The view shares x's gradient buffer, so backward has nothing to do here.
        var y = x.ViewAs(shape);
        y.RequiresGrad = Tape.ShouldRecord(x);
        return y;
    }

    /// <summary>Swaps two dimensions (copies).</summary>
    public static Tensor Transpose(Tensor x, int dim0, int dim1)
    {
        ArgumentNullException.ThrowIfNull(x);
        var perm = Enumerable.Range(0, x.Rank).ToArray();
        (perm[dim0], perm[dim1]) = (perm[dim1], perm[dim0]);
        return Permute(x, perm);
    }

    /// <summary>Reorders dimensions: output dim i is input dim perm[i] (copies).</summary>
    public static Tensor Permute(Tensor x, params int[] perm)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(perm);
        if (perm.Length != x.Rank || perm.Distinct().Count() != perm.Length || perm.Any(p => p < 0 || p >= x.Rank))
            throw new ArgumentException($"[{string.Join(", ", perm)}] is not a permutation of the {x.Rank} dims of {x}.", nameof(perm));
        var outShape = perm.Select(p => x.Shape[p]).ToArray();
        var y = Tensor.Empty(outShape);
        PermuteCopy(x.Array, x.Shape, perm, y.Array, accumulate: false);
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            var inverse = new int[perm.Length];
            for (var i = 0; i < perm.Length; i++) inverse[perm[i]] = i;
            Tape.Record(y, () =>
            {
                if (y.GradArray is { } dy) PermuteCopy(dy, outShape, inverse, x.EnsureGrad(), accumulate: true);
            });
        }
        return y;
    }

    /// <summary>dst (permuted shape) = or += src; inner runs are copied whole when the last dim stays last.</summary>
    private static void PermuteCopy(float[] src, int[] shape, int[] perm, float[] dst, bool accumulate)
    {
        var rank = shape.Length;
        var srcStrides = new int[rank];
        for (int i = rank - 1, s = 1; i >= 0; s *= shape[i], i--) srcStrides[i] = s;
        var outShape = perm.Select(p => shape[p]).ToArray();
        var strideOfOut = perm.Select(p => srcStrides[p]).ToArray();
        var (rows, last) = Broadcast.RowsOf(outShape);
        var innerStride = rank == 0 ? 1 : strideOfOut[rank - 1];
        Governance.Learning.Backends.Backend.Cpu.ForChunks(rows, last, (s, e) =>
        {
            for (var r = s; r < e; r++)
            {
                var offset = 0;
                var rem = r;
                for (var i = rank - 2; i >= 0; i--)
                {
                    offset += rem % outShape[i] * strideOfOut[i];
                    rem /= outShape[i];
                }
                var d = dst.AsSpan(r * last, last);
                if (innerStride == 1)
                {
                    if (accumulate) TensorPrimitives.Add(d, src.AsSpan(offset, last), d);
                    else src.AsSpan(offset, last).CopyTo(d);
                }
                else
                {
                    for (var j = 0; j < last; j++)
                        d[j] = accumulate ? d[j] + src[offset + j * innerStride] : src[offset + j * innerStride];
                }
            }
        });
    }

    /// <summary>Elements [start, start+length) along <paramref name="dim"/> (copies).</summary>
    public static Tensor Slice(Tensor x, int dim, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (dim < 0) dim += x.Rank;
        if (dim < 0 || dim >= x.Rank) throw new ArgumentOutOfRangeException(nameof(dim), dim, $"No such dimension in {x}.");
        if (start < 0 || length < 0 || start + length > x.Shape[dim])
            throw new ArgumentOutOfRangeException(nameof(length), $"Slice [{start}, {start + length}) is outside dimension {dim} of {x}.");
        var outShape = (int[])x.Shape.Clone();
        outShape[dim] = length;
        var outer = 1;
        for (var i = 0; i < dim; i++) outer *= x.Shape[i];
        var inner = 1;
        for (var i = dim + 1; i < x.Rank; i++) inner *= x.Shape[i];
        int srcBlock = x.Shape[dim] * inner, dstBlock = length * inner, skip = start * inner;
        var y = Tensor.Empty(outShape);
        for (var o = 0; o < outer; o++) x.Array.AsSpan(o * srcBlock + skip, dstBlock).CopyTo(y.Array.AsSpan(o * dstBlock, dstBlock));
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy) return;
                var g = x.EnsureGrad();
                for (var o = 0; o < outer; o++)
                {
                    var gs = g.AsSpan(o * srcBlock + skip, dstBlock);
                    TensorPrimitives.Add(gs, dy.AsSpan(o * dstBlock, dstBlock), gs);
                }
            });
        }
        return y;
    }
}
