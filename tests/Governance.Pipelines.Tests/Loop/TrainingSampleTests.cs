using Governance.Pipelines.UseCases;

namespace Governance.Pipelines.Tests.Loop;

public sealed class TrainingSampleTests
{
    private static readonly Dictionary<string, string> NoAttributes = [];

    // A corpus listed class by class, the way the SpamAssassin folders are: every ham id sorts first.
    private static List<LabelledRow> Listed(int ham, int spam) =>
        [.. Enumerable.Range(0, ham).Select(i => new LabelledRow($"a-ham-{i:D4}", "text", 0, NoAttributes)),
         .. Enumerable.Range(0, spam).Select(i => new LabelledRow($"b-spam-{i:D4}", "text", 1, NoAttributes))];

    [Fact]
    public void A_capped_sample_keeps_each_class_in_its_share()
    {
        var sample = TrainingSample.Take(Listed(900, 100), 200);

        Assert.Equal(200, sample.Count);
        Assert.Equal(180, sample.Count(r => r.Label == 0));
        Assert.Equal(20, sample.Count(r => r.Label == 1));
        Assert.Equal(sample.Count, sample.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public void A_rare_class_keeps_at_least_one_row()
    {
        var sample = TrainingSample.Take(Listed(999, 1), 10);

        Assert.Contains(sample, r => r.Label == 1);
        Assert.Equal(10, sample.Count);
    }

    [Fact]
    public void The_same_rows_give_the_same_sample_whatever_their_order()
    {
        var rows = Listed(500, 300);
        var shuffled = rows.OrderBy(r => r.Id.GetHashCode(StringComparison.Ordinal)).ToList();

        Assert.Equal(TrainingSample.Take(rows, 100).Select(r => r.Id), TrainingSample.Take(shuffled, 100).Select(r => r.Id));
    }

    [Fact]
    public void Fewer_rows_than_the_cap_are_all_kept_and_a_bad_cap_is_refused()
    {
        Assert.Equal(30, TrainingSample.Take(Listed(20, 10), 100).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingSample.Take(Listed(20, 10), 0));
    }
}
