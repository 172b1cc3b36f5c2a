using Governance.Learning.Autograd;
using Governance.Learning.Nn;
using Governance.Learning.Optim;
using Governance.Learning.Serialization;
using Governance.Learning.Tensors;

namespace Governance.Learning.Tests.Golden;

/// <summary>
/// A tiny BERT classifier against PyTorch (files written by make_golden.py beside this test): hidden states,
/// logits, loss, every gradient, and five AdamW steps with clipping. Tolerances: activations 1e-5 absolute,
/// gradients 1e-4 of the tensor's largest magnitude plus 1e-7, weights after five steps 2e-5 absolute.
/// </summary>
public class PyTorchParityTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Golden", "tiny_bert");
    private readonly IReadOnlyDictionary<string, SafeTensor> _golden = SafeTensorsFile.Read(Path.Combine(Folder, "golden.safetensors")).Tensors;

    private EncoderBatch Batch()
    {
        var ids = _golden["input_ids"];
        return new EncoderBatch(ids.Data.Select(v => (int)v).ToArray(), _golden["attention_mask"].Data.Select(v => (int)v).ToArray(), ids.Shape[0], ids.Shape[1]);
    }

    private int[] Labels => _golden["labels"].Data.Select(v => (int)v).ToArray();

    private static void AssertClose(string name, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{name}[{i}]: PyTorch {expected[i]}, ours {actual[i]} (tolerance {tolerance})");
    }

    [Fact]
    public void Hf_checkpoint_gives_the_same_hidden_states_as_PyTorch()
    {
        var encoder = ModelStore.LoadEncoder(Folder);
        using var scope = new TensorScope();
        using var noGrad = Tape.NoGrad();
        var hidden = encoder.Forward(Batch(), training: false, new RandomSource(0));
        AssertClose("hidden", _golden["hidden"].Data, hidden.Data, 1e-5f);
    }

    [Fact]
    public void Logits_loss_and_every_gradient_match_PyTorch()
    {
        var model = ModelStore.LoadClassifier(Folder);
        using var scope = new TensorScope();
        var logits = model.Forward(Batch(), training: false, new RandomSource(0));
        var loss = Ops.CrossEntropy(logits, Labels, classWeights: _golden["class_weights"].Data);
        AssertClose("logits", _golden["logits"].Data, logits.Data, 1e-5f);
        AssertClose("loss", _golden["loss"].Data, loss.Data, 1e-5f);
        Tape.Backward(loss);
        var parameters = model.Parameters();
        Assert.Equal(_golden.Keys.Count(k => k.StartsWith("grad.", StringComparison.Ordinal)), parameters.Count);
        foreach (var p in parameters)
        {
            var expected = _golden["grad." + p.Name].Data;
            var scale = expected.Max(MathF.Abs);
            // key.bias has a true gradient of 0 (softmax ignores a per-query constant): both sides hold ~1e-9 noise.
            AssertClose("grad." + p.Name, expected, p.Value.Grad, 1e-4f * scale + 1e-7f);
        }
    }

    [Fact]
    public void Five_AdamW_steps_with_clipping_match_PyTorch()
    {
        var model = ModelStore.LoadClassifier(Folder);
        var optimizer = new AdamW(model.Parameters(), learningRate: 1e-3f, eps: 1e-6f, weightDecay: 0.01f);
        var losses = new List<float>();
        for (var step = 0; step < 5; step++)
        {
            using var scope = new TensorScope();
            var logits = model.Forward(Batch(), training: false, new RandomSource(0));
            var loss = Ops.CrossEntropy(logits, Labels, classWeights: _golden["class_weights"].Data);
            losses.Add(loss.Data[0]);
            Tape.Backward(loss);
            optimizer.ClipGradNorm(0.5f);
            optimizer.Update();
            optimizer.ZeroGrad();
        }
        AssertClose("losses", _golden["adamw.losses"].Data, losses.ToArray(), 2e-5f);
        foreach (var p in model.Parameters())
            AssertClose("adamw." + p.Name, _golden["adamw." + p.Name].Data, p.Value.Data, 2e-5f);
    }

    [Fact]
    public void A_pretrained_checkpoint_starts_a_classifier_with_a_new_head_and_the_same_encoder()
    {
        var model = ModelStore.LoadPretrained(Folder, numLabels: 2);
        Assert.Equal([2, 16], model.Classifier.Weight.Shape);
        var reference = SafeTensorsFile.Read(Path.Combine(Folder, "model.safetensors")).Tensors;
        Assert.Equal(reference["bert.pooler.dense.weight"].Data, model.Pooler.Weight.ToArray());
        using var scope = new TensorScope();
        using var noGrad = Tape.NoGrad();
        var hidden = model.Encoder.Forward(Batch(), training: false, new RandomSource(0));
        AssertClose("hidden", _golden["hidden"].Data, hidden.Data, 1e-5f);
    }
}
