using Governance.Learning.Autograd;
using Governance.Learning.Nn;
using Governance.Learning.Tests.Autograd;

namespace Governance.Learning.Tests.Nn;

/// <summary>
/// Whole-model gradients of both block layouts against finite differences (the post-LN layout is also
/// checked against PyTorch in the golden tests). Tolerance: atol 2e-3 + rtol 3e-2 (deep float32 compositions).
/// </summary>
public class EncoderGradientTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Classifier_loss_gradients_match_finite_differences(bool preLn)
    {
        var model = new SequenceClassifier(TinyModels.Config(preLn, dropout: 0f), seed: 12);
        // Larger weights than the 0.02 initialiser so every path carries a measurable gradient.
        var random = new RandomSource(4);
        foreach (var p in model.Parameters())
            if (p.Value.Rank == 2) { var d = p.Value.Data; for (var i = 0; i < d.Length; i++) d[i] = random.NextNormal() * 0.3f; }
        var batch = new EncoderBatch([1, 5, 9, 2, 0, 1, 7, 8, 30, 2], [1, 1, 1, 1, 0, 1, 1, 1, 1, 1], 2, 5);
        var layer = model.Encoder.Layers[0];
        var checkedTensors = new[] { layer.Attention.Query.Weight, layer.AttentionNorm.Weight, layer.Intermediate.Bias, model.Encoder.Embeddings.Position };
        GradCheck.Check(_ => Ops.CrossEntropy(model.Forward(batch, false, new RandomSource(0)), [1, 0]), checkedTensors, 2e-3f, 3e-2f);
    }
}
