namespace Governance.Learning.Backends;

/// <summary>The kernels a backend may implement; a backend declines the others and the CPU reference runs them.</summary>
public enum BackendOp
{
    /// <summary>Batched matrix multiply with optional transposes.</summary>
    MatMul,
    /// <summary>GELU (erf form) forward and backward.</summary>
    Gelu,
    /// <summary>Row softmax forward and backward.</summary>
    Softmax,
    /// <summary>Row layer normalisation forward and backward.</summary>
    LayerNorm,
}
