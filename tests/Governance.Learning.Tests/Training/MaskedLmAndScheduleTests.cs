using Governance.Learning.Nn;
using Governance.Learning.Optim;
using Governance.Learning.Training;

namespace Governance.Learning.Tests.Training;

public class MaskedLmAndScheduleTests
{
    [Fact]
    public void Masked_lm_pretraining_lowers_the_loss_and_its_encoder_transfers_to_a_classifier()
    {
        var config = TinyModels.Config(dropout: 0f);
        var mlm = new MaskedLanguageModel(config, seed: 1);
        // Two predictable texts: a masked token follows from its position and its unmasked neighbours.
        var texts = Enumerable.Range(0, 64).Select(i => Enumerable.Range(0, 10).Select(t => (i % 2 == 0 ? 10 : 25) + t).ToArray())
            .Select(ids => new TokenizedExample(ids, Enumerable.Repeat(1, ids.Length).ToArray())).ToList();
        var losses = new MaskedLmTrainer(mlm, new TrainingOptions { Epochs = 25, BatchSize = 16, LearningRate = 2e-2f, WarmupFraction = 0.05f }, new MaskedLmOptions(MaskTokenId: 3, SpecialTokenIds: [0, 1, 2, 3], MaskProbability: 0.3f))
            .Train(texts);
        Assert.True(losses.Skip(losses.Count - 4).Average() < losses.Take(4).Average() * 0.5, $"MLM loss {losses[0]} -> {losses[^1]}");

        var classifier = new SequenceClassifier(config, seed: 5);
        classifier.CopyEncoderFrom(mlm.Encoder);
        Assert.Equal(mlm.Encoder.Embeddings.Word.ToArray(), classifier.Encoder.Embeddings.Word.ToArray());
    }

    [Fact]
    public void Gradient_accumulation_of_two_half_batches_equals_one_full_batch()
    {
        float[] Curve(int batch, int accumulate) =>
            new ClassifierTrainer(new SequenceClassifier(TinyModels.Config(dropout: 0f), seed: 8),
                    new TrainingOptions { Epochs = 1, BatchSize = batch, GradientAccumulationSteps = accumulate, LearningRate = 1e-3f })
                .Train(TinyModels.Task(64, 3)).LossCurve.ToArray();
        var full = Curve(8, 1);
        var accumulated = Curve(4, 2);
        Assert.Equal(full.Length, accumulated.Length);
        // Same examples per step; float32 sums in another order: 1e-5.
        for (var i = 0; i < full.Length; i++) Assert.Equal(full[i], accumulated[i], 1e-5);
    }

    [Fact]
    public void Early_stopping_ends_when_validation_keeps_getting_worse_and_restores_the_best_weights()
    {
        var train = TinyModels.Task(64, 3);
        // Validation with flipped labels: the better the model fits, the worse validation gets.
        var flipped = TinyModels.Task(32, 4).Select(e => e with { Label = 1 - e.Label }).ToList();
        var model = new SequenceClassifier(TinyModels.Config(), seed: 2);
        var trainer = new ClassifierTrainer(model, new TrainingOptions { Epochs = 20, BatchSize = 8, LearningRate = 3e-3f, EarlyStoppingPatience = 2, EvaluateEverySteps = 4 });
        var result = trainer.Train(train, flipped);
        Assert.True(result.StoppedEarly);
        Assert.True(result.StepsTaken < 20 * 8);
        Assert.Equal(result.Best!.Loss, trainer.Evaluate(flipped).Loss, 1e-5);
    }

    [Theory]
    [InlineData(ScheduleKind.Linear, 0, 0f)]
    [InlineData(ScheduleKind.Linear, 5, 0.5f)]
    [InlineData(ScheduleKind.Linear, 10, 1f)]
    [InlineData(ScheduleKind.Linear, 55, 0.5f)]
    [InlineData(ScheduleKind.Cosine, 55, 0.5f)]
    [InlineData(ScheduleKind.Cosine, 100, 0f)]
    [InlineData(ScheduleKind.Constant, 90, 1f)]
    public void Warmup_then_decay(ScheduleKind kind, int step, float expected) =>
        Assert.Equal(expected, LearningRateSchedule.Factor(kind, step, warmupSteps: 10, totalSteps: 100), 1e-6);
}
