using Governance.Learning.Nn;
using Governance.Learning.Serialization;
using Governance.Learning.Training;

namespace Governance.Learning.Tests.Nn;

public class LoraTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lora-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        GC.SuppressFinalize(this);
    }

    private static (SequenceClassifier Model, List<TokenizedExample> Data) TrainedLora()
    {
        var model = new SequenceClassifier(TinyModels.Config(), seed: 3);
        model.ApplyLora(new LoraOptions(Rank: 4, Alpha: 8, Dropout: 0.1f, Targets: ["query", "value", "intermediate"]));
        var data = TinyModels.Task(48, 4);
        new ClassifierTrainer(model, new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 1e-2f }).Train(data);
        return (model, data);
    }

    [Fact]
    // The head (pooler + classifier) stays trainable with LoRA; the encoder is frozen.
    public void Training_moves_adapters_and_head_but_not_the_frozen_base()
    {
        var model = new SequenceClassifier(TinyModels.Config(), seed: 3);
        var before = model.Parameters().ToDictionary(p => p.Name, p => p.Value.ToArray());
        model.ApplyLora(new LoraOptions(Rank: 4, Alpha: 8));
        new ClassifierTrainer(model, new TrainingOptions { Epochs = 1, BatchSize = 8, LearningRate = 1e-2f }).Train(TinyModels.Task(32, 4));
        foreach (var p in model.Parameters())
        {
            if (p.Name.Contains("lora_B", StringComparison.Ordinal) || p.Name.StartsWith("classifier", StringComparison.Ordinal))
                Assert.NotEqual(0f, p.Value.ToArray().Zip(before.GetValueOrDefault(p.Name) ?? new float[p.Value.Size]).Max(t => Math.Abs(t.First - t.Second)));
            else if (p.Name.StartsWith("bert.", StringComparison.Ordinal) && !p.Name.StartsWith("bert.pooler", StringComparison.Ordinal) && !p.Name.Contains("lora", StringComparison.Ordinal))
                Assert.Equal(before[p.Name], p.Value.ToArray());
        }
    }

    [Fact]
    public void Merged_model_predicts_the_same_probabilities_as_the_adapted_one()
    {
        var (model, data) = TrainedLora();
        var unmerged = model.Predict(data);
        Assert.True(model.HasLora);
        model.MergeLora();
        Assert.False(model.HasLora);
        var merged = model.Predict(data);
        // Tolerance 1e-5: merging reorders float32 sums (x(W + sBA) vs xW + s(xA)B).
        foreach (var (a, b) in unmerged.Zip(merged))
            for (var j = 0; j < a.Probabilities.Length; j++) Assert.Equal(a.Probabilities[j], b.Probabilities[j], 1e-5);
        Assert.DoesNotContain(model.Parameters(), p => p.Name.Contains("lora", StringComparison.Ordinal));
    }

    [Fact]
    public void Adapters_saved_alone_reload_onto_a_fresh_base()
    {
        var (model, data) = TrainedLora();
        var expected = model.Predict(data);
        ModelStore.SaveAdapters(model, _dir);
        var files = Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)!).Order().ToArray();
        Assert.Equal(new[] { "adapter_config.json", "adapter_model.safetensors" }, files);

        var fresh = new SequenceClassifier(TinyModels.Config(), seed: 3);     // same base weights
        ModelStore.LoadAdapters(fresh, _dir);
        var actual = fresh.Predict(data);
        foreach (var (a, b) in expected.Zip(actual)) Assert.Equal(a.Probabilities, b.Probabilities);
    }

    [Fact]
    public void Bad_lora_settings_are_rejected()
    {
        var model = new SequenceClassifier(TinyModels.Config());
        Assert.Throws<ArgumentException>(() => model.ApplyLora(new LoraOptions(Rank: 0)));
        Assert.Contains("Unknown LoRA target", Assert.Throws<ArgumentException>(() => model.ApplyLora(new LoraOptions(Targets: ["qkv"]))).Message);
    }
}
