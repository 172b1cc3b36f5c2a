using Governance.Learning.Autograd;
using Governance.Learning.Tensors;

namespace Governance.Learning.Tests.Autograd;

/// <summary>
/// Gradients of every primitive against central differences in float32 (eps 1e-2, inputs ~N(0,1)).
/// Tolerance: atol 2e-3 + rtol 1e-2 unless stated; finite differences in float32 carry about 1e-4 noise and
/// O(eps^2) truncation, well inside that.
/// </summary>
public class OpGradientTests
{
    private readonly RandomSource _random = new(1234);

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void MatMul_batched_with_transposes(bool transA, bool transB)
    {
        var a = GradCheck.Random(_random, 1f, transA ? [2, 4, 3] : [2, 3, 4]);
        var b = GradCheck.Random(_random, 1f, transB ? [2, 5, 4] : [2, 4, 5]);
        GradCheck.Check(x => Ops.MatMul(x[0], x[1], transA, transB), [a, b], 2e-3f, 1e-2f);
    }

    [Fact]
    public void Linear_with_bias()
    {
        var x = GradCheck.Random(_random, 1f, 5, 3);
        var w = GradCheck.Random(_random, 1f, 4, 3);
        var b = GradCheck.Random(_random, 1f, 4);
        GradCheck.Check(t => Ops.Linear(t[0], t[1], t[2]), [x, w, b], 2e-3f, 1e-2f);
    }

    [Fact]
    public void Add_and_Mul_with_broadcasting()
    {
        var a = GradCheck.Random(_random, 1f, 2, 3, 4);
        var row = GradCheck.Random(_random, 1f, 4);
        var col = GradCheck.Random(_random, 1f, 2, 3, 1);
        var mid = GradCheck.Random(_random, 1f, 2, 1, 4);
        GradCheck.Check(x => Ops.Add(x[0], x[1]), [a, row], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Mul(x[0], x[1]), [a, col], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Mul(x[1], x[0]), [a, mid], 2e-3f, 1e-2f);
    }

    [Fact]
    public void Scale_Gelu_Tanh()
    {
        var a = GradCheck.Random(_random, 1.5f, 3, 7);
        GradCheck.Check(x => Ops.Scale(x[0], -0.7f), [a], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Gelu(x[0]), [a], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Tanh(x[0]), [a], 2e-3f, 1e-2f);
    }

    [Fact]
    public void Softmax_and_LayerNorm()
    {
        var a = GradCheck.Random(_random, 1f, 3, 6);
        GradCheck.Check(x => Ops.Softmax(x[0]), [a], 2e-3f, 1e-2f);
        var g = GradCheck.Random(_random, 1f, 6);
        var b = GradCheck.Random(_random, 1f, 6);
        // LayerNorm's gradient is steeper (division by the row std): rtol 2e-2.
        GradCheck.Check(x => Ops.LayerNorm(x[0], x[1], x[2], 1e-5f), [a, g, b], 3e-3f, 2e-2f);
    }

    [Fact]
    public void ScaledMaskedSoftmax_matches_its_composition_and_finite_differences()
    {
        var scores = GradCheck.Random(_random, 2f, 2, 3, 4, 5);
        using var scope = new TensorScope();
        var mask = Tensor.FromArray([0f, 0f, float.MinValue, 0f, 0f, 0f, 0f, 0f, 0f, float.MinValue], 2, 1, 1, 5);
        GradCheck.Check(x => Ops.ScaledMaskedSoftmax(x[0], mask, 0.7f), [scores], 2e-3f, 1e-2f);
        using (Tape.NoGrad())
        {
            var fused = Ops.ScaledMaskedSoftmax(scores, mask, 0.7f).ToArray();
            var composed = Ops.Softmax(Ops.Add(Ops.Scale(scores, 0.7f), mask)).ToArray();
            for (var i = 0; i < fused.Length; i++) Assert.Equal(composed[i], fused[i], 1e-6);
            Assert.Equal(0f, fused[2]);                       // masked key gets exactly zero weight
        }
    }

    [Fact]
    public void Embedding_scatters_into_repeated_rows()
    {
        var table = GradCheck.Random(_random, 1f, 5, 3);
        GradCheck.Check(x => Ops.Embedding(x[0], [4, 1, 4, 0]), [table], 2e-3f, 1e-2f);
    }

    [Fact]
    public void CrossEntropy_with_ignore_index_and_class_weights()
    {
        var logits = GradCheck.Random(_random, 1f, 4, 3);
        GradCheck.Check(x => Ops.CrossEntropy(x[0], [2, -100, 0, 1]), [logits], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.CrossEntropy(x[0], [2, 1, 0, 1], -100, [0.5f, 2f, 1f]), [logits], 2e-3f, 1e-2f);
    }

    [Fact]
    public void Shape_ops_and_reductions()
    {
        var a = GradCheck.Random(_random, 1f, 2, 3, 4);
        GradCheck.Check(x => Ops.Permute(x[0], 2, 0, 1), [a], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Transpose(x[0], 1, 2), [a], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Slice(x[0], 1, 1, 2), [a], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Reshape(Ops.Gelu(x[0]), 6, -1), [a], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Mean(x[0]), [a], 2e-3f, 1e-2f);
        GradCheck.Check(x => Ops.Sum(x[0]), [a], 2e-3f, 1e-2f);
    }

    [Fact]
    public void MaskedFill_blocks_gradient_at_filled_positions()
    {
        var a = GradCheck.Random(_random, 1f, 2, 3);
        using var scope = new TensorScope();
        var mask = Tensor.FromArray([0f, 1f, 0f], 3);
        GradCheck.Check(x => Ops.MaskedFill(x[0], mask, -5f), [a], 2e-3f, 1e-2f);
        Assert.Equal(0f, a.Grad[1]);
        Assert.Equal(0f, a.Grad[4]);
    }

    [Fact]
    public void Dropout_gradient_uses_the_same_mask()
    {
        var a = GradCheck.Random(_random, 1f, 4, 8);
        // Each evaluation re-seeds, so the mask is the same in every finite-difference probe.
        GradCheck.Check(x => Ops.Dropout(x[0], 0.3f, new RandomSource(5)), [a], 2e-3f, 1e-2f);
    }
}
