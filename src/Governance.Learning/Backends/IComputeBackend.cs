namespace Governance.Learning.Backends;

/// <summary>
/// The heavy kernels of the engine. Buffers are row-major and contiguous. A backend returns false from
/// <see cref="Supports"/> for kernels it does not implement; <see cref="Backend.For"/> then falls back to
/// the CPU reference. Kernels named "Backward" add into their gradient outputs.
/// </summary>
public interface IComputeBackend
{
    /// <summary>Display name, e.g. "cpu(avx512, 2 threads)".</summary>
    string Name { get; }

    /// <summary>Whether this backend implements <paramref name="op"/>.</summary>
    bool Supports(BackendOp op);

    /// <summary>
    /// For each batch item: C (m x n) = op(A) (m x k) * op(B) (k x n), or C += when <paramref name="accumulate"/>.
    /// Batch strides are m*k for A, k*n for B (0 when <paramref name="shareB"/>), m*n for C.
    /// </summary>
    void MatMul(bool transA, bool transB, int batch, int m, int n, int k, float[] a, float[] b, bool shareB, float[] c, bool accumulate);

    /// <summary>y = x * Phi(x) elementwise.</summary>
    void Gelu(float[] x, float[] y);

    /// <summary>dx += dy * GELU'(x).</summary>
    void GeluBackward(float[] x, float[] dy, float[] dx);

    /// <summary>Softmax over each row of a (rows x cols) matrix.</summary>
    void Softmax(float[] x, float[] y, int rows, int cols);

    /// <summary>dx += y * (dy - sum(dy * y)) per row.</summary>
    void SoftmaxBackward(float[] y, float[] dy, float[] dx, int rows, int cols);

    /// <summary>y = (x - mean) * rstd * gamma + beta per row; saves mean and rstd (length rows).</summary>
    void LayerNorm(float[] x, float[] gamma, float[] beta, float[] y, float[] mean, float[] rstd, int rows, int cols, float eps);

    /// <summary>Adds the gradients of x, gamma and beta (any of the last two may be null when not needed).</summary>
    void LayerNormBackward(float[] x, float[] gamma, float[] mean, float[] rstd, float[] dy, float[] dx, float[]? dGamma, float[]? dBeta, int rows, int cols);
}
