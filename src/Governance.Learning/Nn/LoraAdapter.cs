using Governance.Learning.Tensors;

namespace Governance.Learning.Nn;

/// <summary>
/// Low-rank update of a frozen linear layer: y += (alpha / rank) * dropout(x) A^T B^T, A (rank, in), B (out, rank).
/// B starts at zero so an adapted model starts equal to its base.
/// </summary>
public sealed class LoraAdapter
{
    internal LoraAdapter(Tensor a, Tensor b, float scale, float dropout)
    {
        A = a;
        B = b;
        Scale = scale;
        Dropout = dropout;
    }

    /// <summary>Down projection (rank, in).</summary>
    public Tensor A { get; }

    /// <summary>Up projection (out, rank).</summary>
    public Tensor B { get; }

    /// <summary>alpha / rank.</summary>
    public float Scale { get; }

    /// <summary>Dropout on the adapter's input during training.</summary>
    public float Dropout { get; }
}
