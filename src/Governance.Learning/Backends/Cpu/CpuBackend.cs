using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Governance.Learning.Backends.Cpu;

/// <summary>
/// The reference backend: packed AVX-512/AVX2 GEMM, vectorised row kernels, work split over
/// <see cref="Threads"/> threads by rows so results do not depend on scheduling.
/// </summary>
public sealed unsafe class CpuBackend : IComputeBackend
{
    /// <summary>Creates a backend using <paramref name="threads"/> threads (default: all cores).</summary>
    public CpuBackend(int threads = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        Threads = threads == 0 ? Environment.ProcessorCount : threads;
    }

    /// <summary>Threads used by the kernels.</summary>
    public int Threads { get; }

    /// <inheritdoc />
    public string Name => $"cpu({(GemmKernels.UseAvx512 ? "avx512" : GemmKernels.UseFma256 ? "avx2+fma" : "scalar")}, {Threads} threads)";

    /// <inheritdoc />
    public bool Supports(BackendOp op) => true;

    /// <inheritdoc />
    public void MatMul(bool transA, bool transB, int batch, int m, int n, int k, float[] a, float[] b, bool shareB, float[] c, bool accumulate)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        if (batch < 0 || m < 0 || n < 0 || k < 0) throw new ArgumentOutOfRangeException(nameof(batch), "MatMul sizes must be non-negative.");
        // The kernels use raw pointers: check every buffer covers its extent first.
        if (a.Length < (long)batch * m * k || b.Length < (shareB ? 1L : batch) * k * n || c.Length < (long)batch * m * n)
            throw new ArgumentException($"MatMul buffers too small for {batch} x ({m}x{k})({k}x{n}): a {a.Length}, b {b.Length}, c {c.Length}.", nameof(c));
        fixed (float* pa = a, pb = b, pc = c)
        {
            CpuGemm.Batched(transA, transB, batch, m, n, k,
                pa, transA ? m : k, (long)m * k,
                pb, transB ? k : n, shareB ? 0 : (long)k * n,
                pc, n, (long)m * n, accumulate, Threads);
        }
    }

    /// <summary>Runs <paramref name="body"/>(start, end) over [0, count) in contiguous chunks, one per thread.</summary>
    internal void ForChunks(int count, long workPerItem, Action<int, int> body)
    {
        var threads = count * workPerItem < 32_768 ? 1 : Math.Min(Threads, count);
        if (threads <= 1)
        {
            body(0, count);
            return;
        }
        var chunk = (count + threads - 1) / threads;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            var start = t * chunk;
            var end = Math.Min(count, start + chunk);
            if (start < end) body(start, end);
        });
    }

    /// <inheritdoc />
    public void Gelu(float[] x, float[] y) =>
        ForChunks((x.Length + 1023) / 1024, 1024, (s, e) =>
        {
            var from = s * 1024;
            var len = Math.Min(x.Length, e * 1024) - from;
            GeluKernel.Forward(x.AsSpan(from, len), y.AsSpan(from, len));
        });

    /// <inheritdoc />
    public void GeluBackward(float[] x, float[] dy, float[] dx) =>
        ForChunks((x.Length + 1023) / 1024, 1024, (s, e) =>
        {
            var from = s * 1024;
            var len = Math.Min(x.Length, e * 1024) - from;
            GeluKernel.Backward(x.AsSpan(from, len), dy.AsSpan(from, len), dx.AsSpan(from, len));
        });

    /// <inheritdoc />
    public void Softmax(float[] x, float[] y, int rows, int cols) =>
        ForChunks(rows, cols, (s, e) =>
        {
            for (var r = s; r < e; r++)
            {
                var xr = x.AsSpan(r * cols, cols);
                var yr = y.AsSpan(r * cols, cols);
                var max = TensorPrimitives.Max(xr);
                TensorPrimitives.Subtract(xr, max, yr);
                TensorPrimitives.Exp(yr, yr);
                TensorPrimitives.Multiply(yr, 1f / TensorPrimitives.Sum(yr), yr);
            }
        });

    /// <inheritdoc />
    public void SoftmaxBackward(float[] y, float[] dy, float[] dx, int rows, int cols) =>
        ForChunks(rows, cols, (s, e) =>
        {
            var scratch = new float[cols];
            for (var r = s; r < e; r++)
            {
                var yr = y.AsSpan(r * cols, cols);
                var dyr = dy.AsSpan(r * cols, cols);
                var dxr = dx.AsSpan(r * cols, cols);
                var dot = TensorPrimitives.Dot(yr, dyr);
                // dx += y * (dy - dot)
                var tmp = scratch.AsSpan(0, cols);
                TensorPrimitives.Subtract(dyr, dot, tmp);
                TensorPrimitives.MultiplyAdd(yr, tmp, dxr, dxr);
            }
        });

    /// <inheritdoc />
    public void LayerNorm(float[] x, float[] gamma, float[] beta, float[] y, float[] mean, float[] rstd, int rows, int cols, float eps) =>
        ForChunks(rows, cols * 3, (s, e) =>
        {
            for (var r = s; r < e; r++)
            {
                var xr = x.AsSpan(r * cols, cols);
                var yr = y.AsSpan(r * cols, cols);
                var mu = TensorPrimitives.Sum(xr) / cols;
                TensorPrimitives.Subtract(xr, mu, yr);
                var variance = TensorPrimitives.SumOfSquares(yr) / cols;
                var rs = 1f / MathF.Sqrt(variance + eps);
                mean[r] = mu;
                rstd[r] = rs;
                TensorPrimitives.Multiply(yr, rs, yr);
                TensorPrimitives.FusedMultiplyAdd(yr, gamma, beta, yr);
            }
        });

    /// <inheritdoc />
    public void LayerNormBackward(float[] x, float[] gamma, float[] mean, float[] rstd, float[] dy, float[] dx, float[]? dGamma, float[]? dBeta, int rows, int cols)
    {
        ForChunks(rows, cols * 4, (s, e) =>
        {
            var xhat = new float[cols];
            var g = new float[cols];
            for (var r = s; r < e; r++)
            {
                var xr = x.AsSpan(r * cols, cols);
                var dyr = dy.AsSpan(r * cols, cols);
                var dxr = dx.AsSpan(r * cols, cols);
                TensorPrimitives.Subtract(xr, mean[r], xhat);
                TensorPrimitives.Multiply(xhat, rstd[r], xhat);
                TensorPrimitives.Multiply(dyr, gamma, g);
                var meanG = TensorPrimitives.Sum(g) / cols;
                var meanGx = TensorPrimitives.Dot(g, xhat) / cols;
                // dx += rstd * (g - meanG - xhat * meanGx)
                TensorPrimitives.MultiplyAdd(xhat, -meanGx, g, g);
                TensorPrimitives.Add(g, -meanG, g);
                TensorPrimitives.MultiplyAdd(g, rstd[r], dxr, dxr);
            }
        });
        if (dGamma is null && dBeta is null) return;
        // Column sums, split by columns so each output is summed by one thread in row order.
        ForChunks((cols + 63) / 64, rows * 128L, (s, e) =>
        {
            var from = s * 64;
            var width = Math.Min(cols, e * 64) - from;
            var xhat = new float[width];
            for (var r = 0; r < rows; r++)
            {
                var off = r * cols + from;
                var dyr = dy.AsSpan(off, width);
                if (dGamma is not null)
                {
                    TensorPrimitives.Subtract(x.AsSpan(off, width), mean[r], xhat);
                    TensorPrimitives.Multiply(xhat, rstd[r], xhat);
                    var dg = dGamma.AsSpan(from, width);
                    TensorPrimitives.MultiplyAdd(dyr, xhat, dg, dg);
                }
                if (dBeta is not null)
                {
                    var db = dBeta.AsSpan(from, width);
                    TensorPrimitives.Add(db, dyr, db);
                }
            }
        });
    }
}
