namespace Governance.Pipelines.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Job_kinds_are_distinct() => Assert.Equal(5, Enum.GetValues<Governance.Pipelines.Jobs.JobKind>().Distinct().Count());
}
