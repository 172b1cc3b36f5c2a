using Governance.Learning.Autograd;
using Governance.Learning.Backends.Cpu;
using Governance.Learning.Tensors;

namespace Governance.Learning.Tests.Autograd;

/// <summary>Forward results against naive double-precision references; tolerance stated per op.</summary>
public class OpForwardTests
{
    private readonly RandomSource _random = new(77);

    private float[] RandomArray(int n) => Enumerable.Range(0, n).Select(_ => _random.NextNormal()).ToArray();

    [Theory]
    [InlineData(1, 1, 1, 1, false, false)]
    [InlineData(1, 67, 133, 259, false, false)]   // crosses the 256-deep K block and both tile edges
    [InlineData(1, 300, 70, 513, true, false)]
    [InlineData(3, 33, 45, 20, false, true)]
    [InlineData(5, 17, 129, 64, true, true)]
    [InlineData(1, 520, 600, 40, false, true)]    // large enough for the multi-threaded path
    public void Gemm_matches_naive_triple_loop(int batch, int m, int n, int k, bool transA, bool transB)
    {
        var a = RandomArray(batch * m * k);
        var b = RandomArray(batch * k * n);
        var initial = RandomArray(batch * m * n);
        foreach (var threads in new[] { 1, 2 })
        foreach (var accumulate in new[] { false, true })
        {
            var c = (float[])initial.Clone();
            new CpuBackend(threads).MatMul(transA, transB, batch, m, n, k, a, b, false, c, accumulate);
            for (var bi = 0; bi < batch; bi++)
            for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
            {
                double s = accumulate ? initial[(bi * m + i) * n + j] : 0;
                for (var q = 0; q < k; q++)
                {
                    var av = transA ? a[bi * m * k + q * m + i] : a[bi * m * k + i * k + q];
                    var bv = transB ? b[bi * k * n + j * k + q] : b[bi * k * n + q * n + j];
                    s += (double)av * bv;
                }
                // float32 accumulation over k terms: 1e-5 * sqrt(k) relative to the magnitude.
                Assert.True(Math.Abs(s - c[(bi * m + i) * n + j]) <= 1e-5 * Math.Sqrt(k) * (Math.Sqrt(k) + Math.Abs(s)),
                    $"C[{bi},{i},{j}] = {c[(bi * m + i) * n + j]}, expected {s}");
            }
        }
    }

    [Fact]
    public void Gemm_result_does_not_depend_on_thread_count()
    {
        var (m, n, k) = (260, 300, 300);
        var a = RandomArray(m * k);
        var b = RandomArray(k * n);
        var c1 = new float[m * n];
        var c2 = new float[m * n];
        new CpuBackend(1).MatMul(false, false, 1, m, n, k, a, b, false, c1, false);
        new CpuBackend(2).MatMul(false, false, 1, m, n, k, a, b, false, c2, false);
        Assert.Equal(c1, c2);
    }

    [Theory]
    [InlineData(0f, 0.0)]
    [InlineData(1f, 0.8413447460685429)]
    [InlineData(-0.5f, -0.15426876936299347)]
    [InlineData(2f, 1.9544997361036416)]
    [InlineData(-3f, -0.0040496965371520)]
    [InlineData(6f, 5.999999994)]
    public void Gelu_matches_the_erf_form(float x, double expected)
    {
        using var scope = new TensorScope();
        // Abramowitz-Stegun erf: absolute error below 1.5e-7, times |x|/2, plus float rounding.
        var values = Enumerable.Repeat(x, 11).ToArray();          // 11 covers the vector body and the scalar tail
        var y = Ops.Gelu(Tensor.FromArray(values, 11));
        Assert.All(y.ToArray(), v => Assert.Equal(expected, v, 1e-6 * Math.Max(1, Math.Abs(x))));
    }

    [Fact]
    public void Softmax_LayerNorm_and_CrossEntropy_match_double_references()
    {
        using var scope = new TensorScope();
        const int rows = 3, cols = 37;
        var x = RandomArray(rows * cols).Select(v => v * 3f).ToArray();
        var gamma = RandomArray(cols);
        var beta = RandomArray(cols);
        var sm = Ops.Softmax(Tensor.FromArray(x, rows, cols)).ToArray();
        var ln = Ops.LayerNorm(Tensor.FromArray(x, rows, cols), Tensor.FromArray(gamma, cols), Tensor.FromArray(beta, cols), 1e-12f).ToArray();
        int[] targets = [5, -100, 36];
        float[] weights = RandomArray(cols).Select(MathF.Abs).ToArray();
        var ce = Ops.CrossEntropy(Tensor.FromArray(x, rows, cols), targets, -100, weights).Data[0];
        double ceNum = 0, ceDen = 0;
        for (var r = 0; r < rows; r++)
        {
            var row = x.Skip(r * cols).Take(cols).Select(v => (double)v).ToArray();
            var max = row.Max();
            var sum = row.Sum(v => Math.Exp(v - max));
            var mean = row.Average();
            var std = Math.Sqrt(row.Sum(v => (v - mean) * (v - mean)) / cols + 1e-12);
            for (var j = 0; j < cols; j++)
            {
                Assert.Equal(Math.Exp(row[j] - max) / sum, sm[r * cols + j], 1e-6);
                Assert.Equal((row[j] - mean) / std * gamma[j] + beta[j], ln[r * cols + j], 2e-5);
            }
            if (targets[r] < 0) continue;
            ceNum += weights[targets[r]] * (max + Math.Log(sum) - row[targets[r]]);
            ceDen += weights[targets[r]];
        }
        Assert.Equal(ceNum / ceDen, ce, 1e-5);
    }

    [Fact]
    public void Broadcast_add_masked_fill_slice_and_permute_match_index_loops()
    {
        using var scope = new TensorScope();
        var a = RandomArray(2 * 3 * 4);
        var b = RandomArray(2 * 1 * 4);
        var sum = Ops.Add(Tensor.FromArray(a, 2, 3, 4), Tensor.FromArray(b, 2, 1, 4)).ToArray();
        var perm = Ops.Permute(Tensor.FromArray(a, 2, 3, 4), 1, 2, 0).ToArray();          // (3, 4, 2)
        var slice = Ops.Slice(Tensor.FromArray(a, 2, 3, 4), 2, 1, 2).ToArray();           // (2, 3, 2)
        var filled = Ops.MaskedFill(Tensor.FromArray(a, 2, 3, 4), Tensor.FromArray([1f, 0f, 0f, 1f], 4), 9f).ToArray();
        for (var i = 0; i < 2; i++)
        for (var j = 0; j < 3; j++)
        for (var k = 0; k < 4; k++)
        {
            var v = a[(i * 3 + j) * 4 + k];
            Assert.Equal(v + b[i * 4 + k], sum[(i * 3 + j) * 4 + k]);
            Assert.Equal(v, perm[(j * 4 + k) * 2 + i]);
            if (k is 1 or 2) Assert.Equal(v, slice[(i * 3 + j) * 2 + k - 1]);
            Assert.Equal(k is 0 or 3 ? 9f : v, filled[(i * 3 + j) * 4 + k]);
        }
    }

    [Fact]
    public void Linear_equals_matmul_with_transposed_weight_plus_bias()
    {
        using var scope = new TensorScope();
        var x = Tensor.FromArray(RandomArray(70 * 33), 70, 33);
        var w = Tensor.FromArray(RandomArray(45 * 33), 45, 33);
        var b = Tensor.FromArray(RandomArray(45), 45);
        var fused = Ops.Linear(x, w, b).ToArray();
        var composed = Ops.Add(Ops.MatMul(x, w, transB: true), b).ToArray();
        // Bias first then products vs products then bias: float32 rounding only.
        for (var i = 0; i < fused.Length; i++) Assert.Equal(composed[i], fused[i], 1e-5);
    }

    [Fact]
    public void Bad_shapes_are_rejected_with_the_shapes_in_the_message()
    {
        using var scope = new TensorScope();
        var ex = Assert.Throws<ArgumentException>(() => Ops.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Contains("inner dimensions", ex.Message);
        Assert.Throws<ArgumentException>(() => Ops.Add(Tensor.Zeros(2, 3), Tensor.Zeros(4)));
        Assert.Throws<ArgumentException>(() => Ops.Reshape(Tensor.Zeros(2, 3), 4, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ops.Embedding(Tensor.Zeros(3, 2), [3]));
    }

    [Fact]
    public void Kept_tensors_outlive_their_scope_but_views_cannot_be_kept()
    {
        Tensor kept;
        using (var outer = new TensorScope())
        {
            using (var inner = new TensorScope())
            {
                var x = Tensor.FromArray([1f, 2f, 3f, 4f], 2, 2);
                kept = inner.Keep(Ops.Scale(x, 2f));
                Assert.Throws<ArgumentException>(() => inner.Keep(Ops.Reshape(x, 4)));
            }
            Assert.Equal([2f, 4f, 6f, 8f], kept.ToArray());
        }
        Assert.True(kept.IsDisposed);
    }

    [Fact]
    public void A_scope_returns_buffers_so_repeated_steps_do_not_grow_the_pool()
    {
        void Step()
        {
            using var scope = new TensorScope();
            var x = Tensor.FromArray(RandomArray(64), 8, 8);
            Ops.Softmax(Ops.MatMul(x, x));
        }
        Step();
        var pooled = BufferPool.PooledFloats;
        for (var i = 0; i < 5; i++) Step();
        Assert.Equal(pooled, BufferPool.PooledFloats);
    }
}
