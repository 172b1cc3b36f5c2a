using Governance.Learning.Nn;
using Governance.Learning.Serialization;
using Governance.Learning.Training;

namespace Governance.Learning.Tests.Serialization;

public class CheckpointTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ckpt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        GC.SuppressFinalize(this);
    }

    private static TrainingOptions Options(string? dir) => new()
    {
        Epochs = 3, BatchSize = 8, LearningRate = 3e-3f, Seed = 9, CheckpointDirectory = dir, CheckpointEverySteps = 5,
    };

    [Fact]
    public void A_killed_run_resumed_from_its_checkpoint_ends_exactly_like_an_uninterrupted_one()
    {
        var data = TinyModels.Task(64, 8);
        var reference = new SequenceClassifier(TinyModels.Config(), seed: 2);
        var full = new ClassifierTrainer(reference, Options(null)).Train(data);

        // Cancel the run after step 7 (the periodic checkpoint was step 5; cancelling saves step 7 on the way out).
        using (var cts = new CancellationTokenSource())
        {
            var first = new SequenceClassifier(TinyModels.Config(), seed: 2);
            var trainer = new ClassifierTrainer(first, Options(_dir) with { Progress = p => { if (p.Step == 7) cts.Cancel(); } });
            Assert.Throws<OperationCanceledException>(() => trainer.Train(data, cancellationToken: cts.Token));
        }
        var resumedModel = new SequenceClassifier(TinyModels.Config(), seed: 99);   // different init: everything comes from the checkpoint
        var resumed = new ClassifierTrainer(resumedModel, Options(_dir)).Train(data, resumeFrom: _dir);

        Assert.Equal(full.LossCurve.Select(BitConverter.SingleToInt32Bits), resumed.LossCurve.Select(BitConverter.SingleToInt32Bits));
        foreach (var (a, b) in reference.Parameters().Zip(resumedModel.Parameters())) Assert.Equal(a.Value.ToArray(), b.Value.ToArray());
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp"));
    }

    [Fact]
    public void A_cancelled_run_checkpoints_the_step_it_finished_so_a_resume_repeats_none()
    {
        var data = TinyModels.Task(64, 8);
        using (var cts = new CancellationTokenSource())
        {
            var trainer = new ClassifierTrainer(new SequenceClassifier(TinyModels.Config(), seed: 2),
                Options(_dir) with { Progress = p => { if (p.Step == 7) cts.Cancel(); } });
            Assert.Throws<OperationCanceledException>(() => trainer.Train(data, cancellationToken: cts.Token));
        }
        var model = new SequenceClassifier(TinyModels.Config(), seed: 2);
        var state = TrainingCheckpoint.Load(_dir, model, new ClassifierTrainer(model, Options(null)).Optimizer);

        Assert.Equal(7, state.Step);
        Assert.Equal(7, state.LossCurve.Count);
    }

    [Fact]
    public void A_checkpoint_of_another_shape_is_rejected_by_name_and_shape()
    {
        var data = TinyModels.Task(16, 8);
        new ClassifierTrainer(new SequenceClassifier(TinyModels.Config()), Options(_dir) with { Epochs = 1 }).Train(data);
        var wider = new SequenceClassifier(TinyModels.Config() with { IntermediateSize = 48 });
        var ex = Assert.Throws<InvalidDataException>(() => new ClassifierTrainer(wider, Options(null)).Train(data, resumeFrom: _dir));
        Assert.Contains("bert.encoder.layer.0.intermediate.dense.weight", ex.Message);
        Assert.Contains("[32, 16]", ex.Message);
    }

    [Fact]
    public void Diverging_training_throws_and_leaves_the_last_good_checkpoint_intact()
    {
        var data = TinyModels.Task(32, 8);
        var model = new SequenceClassifier(TinyModels.Config(), seed: 4);
        new ClassifierTrainer(model, Options(_dir) with { Epochs = 1 }).Train(data);
        var path = Path.Combine(_dir, TrainingCheckpoint.FileName);
        var good = File.ReadAllBytes(path);

        model.Classifier.Weight.Data[0] = float.NaN;
        var ex = Assert.Throws<InvalidOperationException>(() => new ClassifierTrainer(model, Options(_dir) with { CheckpointEverySteps = 1 }).Train(data));
        Assert.Contains("NaN", ex.Message);
        Assert.Equal(good, File.ReadAllBytes(path));
    }

    [Fact]
    public void Saved_classifier_reloads_with_identical_predictions()
    {
        var model = new SequenceClassifier(TinyModels.Config(preLn: true), seed: 6);
        var data = TinyModels.Task(10, 1);
        ModelStore.SaveClassifier(model, _dir);
        Assert.True(File.Exists(Path.Combine(_dir, "config.json")));
        var loaded = ModelStore.LoadClassifier(_dir);
        Assert.True(loaded.Config.PreLayerNorm);
        foreach (var (a, b) in model.Predict(data).Zip(loaded.Predict(data))) Assert.Equal(a.Probabilities, b.Probabilities);
    }

    [Theory]
    [InlineData("\"hidden_act\": \"relu\"", "hidden_act 'relu'")]
    [InlineData("\"model_type\": \"roberta\"", "model_type 'roberta'")]
    [InlineData("\"num_attention_heads\": 3", "must divide hidden_size")]
    public void Configs_that_cannot_be_loaded_faithfully_are_rejected(string field, string message)
    {
        Directory.CreateDirectory(_dir);
        File.WriteAllText(Path.Combine(_dir, "config.json"), "{\"vocab_size\": 40, \"hidden_size\": 16, " + field + "}");
        var ex = Assert.Throws<InvalidDataException>(() => ModelStore.LoadConfig(_dir));
        Assert.Contains(message, ex.Message);
    }
}
