using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Governance.Learning.Tensors;

namespace Governance.Learning.Autograd;

public static partial class Ops
{
    /// <summary>Sum of all elements, as a tensor of shape [1]. Summed in double for a stable result.</summary>
    public static Tensor Sum(Tensor x) => Reduce(x, mean: false);

    /// <summary>Mean of all elements, as a tensor of shape [1].</summary>
    public static Tensor Mean(Tensor x) => Reduce(x, mean: true);

    private static Tensor Reduce(Tensor x, bool mean)
    {
        ArgumentNullException.ThrowIfNull(x);
        double total = 0;
        foreach (var v in x.Data) total += v;
        var scale = mean ? 1f / x.Size : 1f;
        var y = Tensor.Empty(1);
        y.Data[0] = (float)(total * scale);
        if (Tape.ShouldRecord(x))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy) return;
                var g = x.EnsureGrad().AsSpan();
                TensorPrimitives.Add(g, dy[0] * scale, g);
            });
        }
        return y;
    }

    /// <summary>
    /// Gathers rows of <paramref name="table"/> (V, C) for <paramref name="ids"/>: output (ids.Length, C).
    /// Ids outside [0, V) throw.
    /// </summary>
    public static Tensor Embedding(Tensor table, ReadOnlySpan<int> ids)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (table.Rank != 2) throw new ArgumentException($"Embedding table must be (V, C), got {table}.", nameof(table));
        int vocab = table.Shape[0], width = table.Shape[1];
        var y = Tensor.Empty(ids.Length, width);
        var idCopy = ids.ToArray();
        for (var i = 0; i < idCopy.Length; i++)
        {
            var id = idCopy[i];
            if ((uint)id >= (uint)vocab) throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id at position {i} is outside the vocabulary of {vocab}.");
            table.Array.AsSpan(id * width, width).CopyTo(y.Array.AsSpan(i * width, width));
        }
        if (Tape.ShouldRecord(table))
        {
            y.RequiresGrad = true;
            Tape.Record(y, () =>
            {
                if (y.GradArray is not { } dy) return;
                var g = table.EnsureGrad();
                for (var i = 0; i < idCopy.Length; i++)
                {
                    var gs = g.AsSpan(idCopy[i] * width, width);
                    TensorPrimitives.Add(gs, dy.AsSpan(i * width, width), gs);
                }
            });
        }
        return y;
    }
}
