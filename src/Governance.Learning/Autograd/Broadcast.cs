using Governance.Learning.Tensors;

namespace Governance.Learning.Autograd;

/// <summary>
/// Broadcasting as in NumPy, walked row by row: the output is seen as (rows, last); each operand row starts
/// at a computed offset and moves with stride 1 (same last dim) or 0 (last dim broadcast).
/// </summary>
internal sealed class Broadcast
{
    private readonly int[] _outShape;
    private readonly int[] _strides;

    private Broadcast(int[] outShape, int[] strides, bool innerStride)
    {
        _outShape = outShape;
        _strides = strides;
        InnerContiguous = innerStride;
    }

    public bool InnerContiguous { get; }

    /// <summary>True when the operand has exactly the output's shape (no broadcasting).</summary>
    public bool IsIdentity { get; private init; }

    public static int[] ResultShape(int[] a, int[] b)
    {
        var rank = Math.Max(a.Length, b.Length);
        var shape = new int[rank];
        for (var i = 0; i < rank; i++)
        {
            var da = i - (rank - a.Length) >= 0 ? a[i - (rank - a.Length)] : 1;
            var db = i - (rank - b.Length) >= 0 ? b[i - (rank - b.Length)] : 1;
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"Shapes [{string.Join(", ", a)}] and [{string.Join(", ", b)}] do not broadcast (dimension {i}: {da} vs {db}).");
            shape[i] = Math.Max(da, db);
        }
        return shape;
    }

    /// <summary>How operand <paramref name="inShape"/> maps onto <paramref name="outShape"/>.</summary>
    public static Broadcast Of(int[] inShape, int[] outShape)
    {
        var rank = outShape.Length;
        var strides = new int[rank];
        var stride = 1;
        for (var i = rank - 1; i >= 0; i--)
        {
            var j = i - (rank - inShape.Length);
            var d = j >= 0 ? inShape[j] : 1;
            strides[i] = d == 1 ? 0 : stride;
            stride *= d;
        }
        return new Broadcast(outShape, strides, rank == 0 || strides[rank - 1] != 0)
        {
            IsIdentity = inShape.Length == rank && inShape.AsSpan().SequenceEqual(outShape),
        };
    }

    /// <summary>Offset in the operand of the first element of output row <paramref name="row"/>.</summary>
    public int RowOffset(int row)
    {
        var offset = 0;
        for (var i = _outShape.Length - 2; i >= 0; i--)
        {
            var d = _outShape[i];
            offset += row % d * _strides[i];
            row /= d;
        }
        return offset;
    }

    public static (int Rows, int Last) RowsOf(int[] shape)
    {
        var last = shape.Length == 0 ? 1 : shape[^1];
        var size = Tensor.CheckedSize(shape);
        return (last == 0 ? 0 : size / last, last);
    }
}
