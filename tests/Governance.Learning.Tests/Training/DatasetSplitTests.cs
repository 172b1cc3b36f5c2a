using Governance.Learning.Training;

namespace Governance.Learning.Tests.Training;

public class DatasetSplitTests
{
    private static List<TokenizedExample> Examples(int zeros, int ones) =>
        Enumerable.Range(0, zeros + ones).Select(i => new TokenizedExample([i + 1], [1], i < zeros ? 0 : 1)).ToList();

    [Fact]
    public void Stratified_split_keeps_class_proportions_and_is_deterministic()
    {
        var data = Examples(80, 20);
        var (train, validation) = DatasetSplit.Stratified(data, 0.25f, seed: 3);
        Assert.Equal(20, validation.Count(e => e.Label == 0));
        Assert.Equal(5, validation.Count(e => e.Label == 1));
        Assert.Equal(100, train.Count + validation.Count);
        Assert.Empty(train.Intersect(validation));
        Assert.Equal(validation, DatasetSplit.Stratified(data, 0.25f, seed: 3).Validation);
    }

    [Fact]
    public void Balanced_weights_are_inverse_to_class_frequency()
    {
        var weights = DatasetSplit.BalancedClassWeights(Examples(75, 25), 3);
        Assert.Equal(100f / (3 * 75), weights[0], 6);
        Assert.Equal(100f / (3 * 25), weights[1], 6);
        Assert.Equal(0f, weights[2]);
    }
}
