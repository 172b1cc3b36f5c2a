using Governance.Learning.Autograd;
using Governance.Learning.Backends;
using Governance.Learning.Backends.Cpu;
using Governance.Learning.Tensors;

namespace Governance.Learning.Tests.Backends;

public class BackendTests
{
    /// <summary>A backend that implements only MatMul (by delegating) and declines the rest.</summary>
    private sealed class MatMulOnlyBackend : IComputeBackend
    {
        private readonly CpuBackend _cpu = new(1);
        public int MatMulCalls { get; private set; }
        public string Name => "matmul-only";
        public bool Supports(BackendOp op) => op == BackendOp.MatMul;
        public void MatMul(bool transA, bool transB, int batch, int m, int n, int k, float[] a, float[] b, bool shareB, float[] c, bool accumulate)
        {
            MatMulCalls++;
            _cpu.MatMul(transA, transB, batch, m, n, k, a, b, shareB, c, accumulate);
        }
        public void Gelu(float[] x, float[] y) => throw new NotSupportedException();
        public void GeluBackward(float[] x, float[] dy, float[] dx) => throw new NotSupportedException();
        public void Softmax(float[] x, float[] y, int rows, int cols) => throw new NotSupportedException();
        public void SoftmaxBackward(float[] y, float[] dy, float[] dx, int rows, int cols) => throw new NotSupportedException();
        public void LayerNorm(float[] x, float[] gamma, float[] beta, float[] y, float[] mean, float[] rstd, int rows, int cols, float eps) => throw new NotSupportedException();
        public void LayerNormBackward(float[] x, float[] gamma, float[] mean, float[] rstd, float[] dy, float[] dx, float[]? dGamma, float[]? dBeta, int rows, int cols) => throw new NotSupportedException();
    }

    [Fact]
    public void Ops_use_the_current_backend_where_it_supports_the_op_and_fall_back_to_the_cpu_elsewhere()
    {
        var previous = Backend.Current;
        var backend = new MatMulOnlyBackend();
        try
        {
            Backend.Current = backend;
            using var scope = new TensorScope();
            var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
            var y = Ops.Gelu(Ops.MatMul(x, x));            // GELU is declined: the CPU reference runs it
            Assert.Equal(1, backend.MatMulCalls);
            Assert.Equal(7f * 0.5f * (1f + 0.99999999974f), y[0], 4);
        }
        finally
        {
            Backend.Current = previous;
        }
    }

    [Fact]
    public void Dropout_drops_about_p_and_keeps_the_expected_value()
    {
        using var scope = new TensorScope();
        var x = Tensor.Zeros(200_000);
        x.Data.Fill(1f);
        var y = Ops.Dropout(x, 0.25f, new RandomSource(3)).ToArray();
        var dropped = y.Count(v => v == 0f) / (double)y.Length;
        Assert.Equal(0.25, dropped, 0.005);                // 5 standard deviations of a binomial proportion
        Assert.All(y, v => Assert.True(v == 0f || Math.Abs(v - 4f / 3f) < 1e-6));
        var again = Ops.Dropout(x, 0.25f, new RandomSource(3)).ToArray();
        Assert.Equal(y, again);                             // same seed, same mask
    }
}
