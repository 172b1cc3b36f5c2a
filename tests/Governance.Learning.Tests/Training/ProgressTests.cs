using Governance.Learning.Nn;
using Governance.Learning.Training;

namespace Governance.Learning.Tests.Training;

public class ProgressTests
{
    /// <summary>A clock that moves one second every time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _seconds;
        public override long TimestampFrequency => 1;
        public override long GetTimestamp() => _seconds++;
    }

    [Fact]
    public void Progress_reports_step_loss_tokens_per_second_and_eta_from_the_clock()
    {
        var reports = new List<TrainingProgress>();
        var model = new SequenceClassifier(TinyModels.Config(), seed: 1);
        var data = TinyModels.Task(32, 2);
        var options = new TrainingOptions { Epochs = 2, BatchSize = 8, LearningRate = 1e-3f, Progress = reports.Add };
        new ClassifierTrainer(model, options, new SteppingClock()).Train(data);

        Assert.Equal(Enumerable.Range(1, 8), reports.Select(r => r.Step));
        Assert.All(reports, r => Assert.Equal(8, r.TotalSteps));
        // The clock reads once at the start and once per report: step s is s seconds in.
        Assert.Equal(TimeSpan.FromSeconds(7), reports[0].EstimatedRemaining);
        Assert.Equal(TimeSpan.Zero, reports[^1].EstimatedRemaining);
        // Batches pad to a multiple of 8 capped at max_position_embeddings 12 (examples have 4..10 tokens): 8 x 8 or 8 x 12.
        Assert.Contains(reports[0].TokensPerSecond, new[] { 64.0, 96.0 });
        Assert.All(reports, r => Assert.True(float.IsFinite(r.Loss) && r.Loss > 0));
        Assert.Equal(0, reports[0].Epoch);
        Assert.Equal(1, reports[^1].Epoch);
    }
}
