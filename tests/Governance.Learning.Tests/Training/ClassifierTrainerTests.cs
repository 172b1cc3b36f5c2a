using Governance.Learning.Nn;
using Governance.Learning.Training;

namespace Governance.Learning.Tests.Training;

public class ClassifierTrainerTests
{
    private static TrainingOptions Options => new() { Epochs = 6, BatchSize = 8, LearningRate = 3e-3f, WarmupFraction = 0.1f, Seed = 3 };

    [Fact]
    public void Learns_a_synthetic_task_and_predicts_probabilities()
    {
        var model = new SequenceClassifier(TinyModels.Config(), seed: 1);
        var train = TinyModels.Task(160, 11);
        var test = TinyModels.Task(60, 12);
        var progress = new List<TrainingProgress>();
        var result = new ClassifierTrainer(model, Options with { Progress = progress.Add }).Train(train, test);

        Assert.Equal(result.StepsTaken, progress.Count);
        Assert.True(result.LossCurve[^1] < result.LossCurve[0], "loss should fall");
        var predictions = model.Predict(test);
        var accuracy = predictions.Zip(test).Count(p => p.First.Label == p.Second.Label) / (double)test.Count;
        Assert.True(accuracy >= 0.9, $"accuracy {accuracy}");
        Assert.All(predictions, p => Assert.Equal(1f, p.Probabilities.Sum(), 4));
    }

    [Fact]
    public void Same_seed_and_data_give_a_bit_identical_loss_curve()
    {
        float[] Run()
        {
            var model = new SequenceClassifier(TinyModels.Config(), seed: 5);
            return new ClassifierTrainer(model, Options with { Epochs = 2, GradientAccumulationSteps = 2 }).Train(TinyModels.Task(64, 2)).LossCurve.ToArray();
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void The_loss_curve_does_not_depend_on_the_thread_count()
    {
        // Wide enough that GEMMs and row kernels take their multi-threaded paths.
        var config = TinyModels.Config() with { HiddenSize = 64, IntermediateSize = 256, NumHeads = 4, MaxPositions = 32 };
        var random = new Governance.Learning.Autograd.RandomSource(1);
        var data = Enumerable.Range(0, 32).Select(i => new TokenizedExample(
            Enumerable.Range(0, 32).Select(_ => 1 + random.NextInt(39)).ToArray(), Enumerable.Repeat(1, 32).ToArray(), i % 2)).ToList();
        float[] Run(int threads)
        {
            Governance.Learning.Backends.Backend.SetCpuThreads(threads);
            try
            {
                var model = new SequenceClassifier(config, seed: 5);
                return new ClassifierTrainer(model, Options with { Epochs = 1, BatchSize = 16 }).Train(data).LossCurve.ToArray();
            }
            finally
            {
                Governance.Learning.Backends.Backend.SetCpuThreads(Environment.ProcessorCount);
            }
        }
        Assert.Equal(Run(1).Select(BitConverter.SingleToInt32Bits), Run(2).Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Padding_in_a_batch_does_not_change_an_examples_probabilities()
    {
        var model = new SequenceClassifier(TinyModels.Config(), seed: 4);
        var data = TinyModels.Task(6, 3);
        var alone = data.Select(e => model.Predict([e])[0]).ToList();
        var batched = model.Predict(data, batchSize: 6);
        // Masked keys get exactly zero attention; only float summation grouping may differ: 1e-6.
        foreach (var (a, b) in alone.Zip(batched))
            for (var j = 0; j < a.Probabilities.Length; j++) Assert.Equal(a.Probabilities[j], b.Probabilities[j], 1e-6);
    }

    [Fact]
    public void Concurrent_predictions_on_one_model_equal_sequential_ones()
    {
        var model = new SequenceClassifier(TinyModels.Config(), seed: 4);
        var data = TinyModels.Task(40, 5);
        var expected = model.Predict(data, batchSize: 8);
        var results = new IReadOnlyList<Governance.Learning.Nn.ClassPrediction>[8];
        Parallel.For(0, results.Length, i => results[i] = model.Predict(data, batchSize: 8));
        foreach (var r in results)
            foreach (var (a, b) in expected.Zip(r)) Assert.Equal(a.Probabilities, b.Probabilities);
    }

    [Fact]
    public void One_class_or_empty_data_is_rejected_with_a_clear_message()
    {
        var model = new SequenceClassifier(TinyModels.Config());
        var trainer = new ClassifierTrainer(model, Options);
        var oneClass = TinyModels.Task(10, 1).Select(e => e with { Label = 0 }).ToList();
        Assert.Contains("only one class", Assert.Throws<ArgumentException>(() => trainer.Train(oneClass)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => trainer.Train([])).Message);
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var cts = new CancellationTokenSource();
        var model = new SequenceClassifier(TinyModels.Config());
        var trainer = new ClassifierTrainer(model, Options with { Progress = p => { if (p.Step == 2) cts.Cancel(); } });
        Assert.Throws<OperationCanceledException>(() => trainer.Train(TinyModels.Task(64, 1), cancellationToken: cts.Token));
    }
}
