using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Statistics;

public class SeededRandomTests
{
    [Fact]
    public void Same_seed_gives_same_stream_and_different_seeds_differ()
    {
        var a = new SeededRandom(42);
        var b = new SeededRandom(42);
        var c = new SeededRandom(43);
        var first = Enumerable.Range(0, 16).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(first, Enumerable.Range(0, 16).Select(_ => b.NextUInt64()).ToArray());
        Assert.NotEqual(first, Enumerable.Range(0, 16).Select(_ => c.NextUInt64()).ToArray());
    }

    [Fact]
    public void NextInt_is_in_range_and_roughly_uniform()
    {
        var rng = new SeededRandom(7);
        var counts = new int[10];
        for (int i = 0; i < 100_000; i++) counts[rng.NextInt(10)]++;
        // Each bucket expects 10,000 with sd ~95; 6 sd is a bound a correct generator never breaks.
        Assert.All(counts, count => Assert.InRange(count, 9_430, 10_570));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextInt(0));
    }

    [Fact]
    public void NextDouble_is_in_unit_interval_with_mean_one_half()
    {
        var rng = new SeededRandom(3);
        double sum = 0;
        for (int i = 0; i < 100_000; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0, 0.9999999999999999);
            sum += u;
        }
        Assert.InRange(sum / 100_000, 0.495, 0.505);
    }
}
