using Governance.Evaluation.Uncertainty;

namespace Governance.Evaluation.Tests.Uncertainty;

public class UncertaintySerialisationTests
{
    [Fact]
    public void Results_round_trip_through_System_Text_Json_with_their_provenance()
    {
        var interval = Bootstrap.Classification([0, 1, 1, 0, 1], [0, 1, 0, 0, 1], 2, [Governance.Evaluation.Classification.CountMetric.Accuracy], new BootstrapOptions(50))[0];
        var paired = PairedBootstrap.Classification([0, 1, 1, 0], [0, 1, 0, 0], [0, 1, 1, 0], 2, Governance.Evaluation.Classification.CountMetric.Accuracy, new BootstrapOptions(50));
        var mcnemar = McNemar.FromCounts(10, 3, 8, 2);
        Assert.Equal(interval, System.Text.Json.JsonSerializer.Deserialize<BootstrapInterval>(System.Text.Json.JsonSerializer.Serialize(interval)));
        Assert.Equal(paired, System.Text.Json.JsonSerializer.Deserialize<PairedBootstrapResult>(System.Text.Json.JsonSerializer.Serialize(paired)));
        string json = System.Text.Json.JsonSerializer.Serialize(mcnemar);
        Assert.Contains("\"Method\":\"exact binomial\"", json);
        Assert.Contains("\"SchemaVersion\"", json);
        Assert.Contains("percentile bootstrap", interval.Method);
        Assert.Equal(20_261_121UL, interval.Seed);
    }
}
