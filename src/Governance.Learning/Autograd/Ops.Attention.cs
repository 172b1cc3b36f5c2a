using Governance.Learning.Backends;
using Governance.Learning.Tensors;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Governance.Learning.Autograd;

public static partial class Ops
{
    /// <summary>
    /// softmax(scores * scale + mask) over the last dim, fused: scores (B, H, Tq, Tk), additive mask (B, 1, 1, Tk)
    /// (not differentiated). Equals Softmax(Add(Scale(scores, scale), mask)) while saving two passes and a buffer.
    /// </summary>
    public static Tensor ScaledMaskedSoftmax(Tensor scores, Tensor mask, float scale)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(mask);
        if (scores.Rank != 4 || mask.Rank != 4 || mask.Shape[0] != scores.Shape[0] || mask.Shape[1] != 1 || mask.Shape[2] != 1 || mask.Shape[3] != scores.Shape[3])
            throw new ArgumentException($"ScaledMaskedSoftmax needs scores (B, H, Tq, Tk) and mask (B, 1, 1, Tk); got {scores} and {mask}.", nameof(mask));
        int perBatch = scores.Shape[1] * scores.Shape[2], cols = scores.Shape[3];
        var rows = scores.Shape[0] * perBatch;
        var y = Tensor.Empty(scores.Shape);
        float[] sd = scores.Array, md = mask.Array, yd = y.Array;
        Backend.Cpu.ForChunks(rows, cols * 2L, (s, e) =>
        {
            for (var r = s; r < e; r++)
            {
                var yr = yd.AsSpan(r * cols, cols);
                TensorPrimitives.MultiplyAdd(sd.AsSpan(r * cols, cols), scale, md.AsSpan(r / perBatch * cols, cols), yr);
                var max = TensorPrimitives.Max(yr);
                TensorPrimitives.Subtract(yr, max, yr);
                TensorPrimitives.Exp(yr, yr);
                TensorPrimitives.Multiply(yr, 1f / TensorPrimitives.Sum(yr), yr);
            }
        });
        if (Tape.ShouldRecord(scores))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy) return;
                var dx = scores.EnsureGrad();
                Backend.Cpu.ForChunks(rows, cols * 2L, (s, e) =>
                {
                    var tmp = new float[cols];
                    for (var r = s; r < e; r++)
                    {
                        var yr = yd.AsSpan(r * cols, cols);
                        var dyr = dy.AsSpan(r * cols, cols);
                        var dxr = dx.AsSpan(r * cols, cols);
                        // dx += scale * y * (dy - sum(dy * y))
                        TensorPrimitives.Subtract(dyr, TensorPrimitives.Dot(yr, dyr), tmp);
                        TensorPrimitives.Multiply(tmp, yr, tmp);
                        TensorPrimitives.MultiplyAdd(tmp, scale, dxr, dxr);
                    }
                });
            });
        }
        return y;
    }
}
