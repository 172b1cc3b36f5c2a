using Governance.Pipelines.Serving;

namespace Governance.Pipelines.Tests.Serving;

public sealed class PredictionLogTests
{
    private static PendingPrediction Row() => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, DateTimeOffset.UnixEpoch, "text", 0, [0.9f, 0.1f], false);

    [Fact]
    public void A_full_queue_drops_and_counts_instead_of_waiting()
    {
        var log = new PredictionLog(new ServingOptions { LogQueueCapacity = 2 });
        Assert.True(log.TryEnqueue(Row()));
        Assert.True(log.TryEnqueue(Row()));
        Assert.False(log.TryEnqueue(Row()));
        Assert.Equal(1, log.Dropped);
        Assert.Equal(2, log.Pending);
    }

    [Theory]
    [InlineData(0, 400)]
    [InlineData(5, 413)]
    public void Batch_limits_name_the_problem(int count, int status)
    {
        var options = new ServingOptions { MaxBatchSize = 4, MaxTextLength = 10 };
        var e = Assert.Throws<PredictionInputException>(() => Predictor.Validate(Enumerable.Repeat<string?>("short", count).ToList(), options));
        Assert.Equal(status, e.StatusCode);
    }

    [Fact]
    public void Empty_and_overlong_texts_are_refused_with_their_index()
    {
        var options = new ServingOptions { MaxBatchSize = 4, MaxTextLength = 10 };
        var empty = Assert.Throws<PredictionInputException>(() => Predictor.Validate(["fine", " "], options));
        Assert.Equal((400, "Text 1 is empty."), (empty.StatusCode, empty.Message));
        var tooLong = Assert.Throws<PredictionInputException>(() => Predictor.Validate(["fine", "fine", new string('x', 11)], options));
        Assert.Equal(413, tooLong.StatusCode);
        Assert.Contains("Text 2 has 11 characters; at most 10", tooLong.Message, StringComparison.Ordinal);
        Assert.Equal(2, Predictor.Validate(["a", new string('x', 10)], options).Count);
    }

    [Fact]
    public void Settings_out_of_range_are_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => new ServingOptions { LogSampleRate = 1.5 }.Validate());
        Assert.Contains("Serving:LogSampleRate", e.Message, StringComparison.Ordinal);
    }
}
