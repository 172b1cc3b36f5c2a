using System.Text.Json;
using Governance.Evaluation.Slices;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Slices;

public class SlicerTests
{
    [Fact]
    public void Each_value_gets_its_metric_and_small_slices_are_reported_not_dropped()
    {
        string?[] lang = ["en", "en", "en", "de", "de", null, "en"];
        int[] y = [1, 0, 1, 1, 0, 1, 1];
        int[] p = [1, 0, 0, 1, 1, 1, 1];
        var r = Slicer.Classification("language", lang, y, p, 2, minimumSupport: 2);
        Assert.Equal(["en", "de", Slicer.Missing], r.Slices.Select(s => s.Value));
        var en = r.Slices[0];
        Assert.Equal(4, en.Support);
        Assert.Equal(0.75, en.Result!.Accuracy, 12);
        Assert.Equal(0.5, r.Slices[1].Result!.Accuracy, 12);
        var missing = r.Slices[2];
        Assert.Equal(MetricStatus.InsufficientSupport, missing.Status);
        Assert.Null(missing.Result);
        Assert.Contains("below the minimum 2", missing.Reason);
        Assert.Contains("\"Status\":\"InsufficientSupport\"", JsonSerializer.Serialize(r));
    }

    [Fact]
    public void Any_metric_works_and_expected_values_without_rows_appear()
    {
        string?[] region = ["north", "south", "north"];
        double[] loss = [1.0, 3.0, 2.0];
        var r = Slicer.Evaluate("region", region, 1, rows => rows.Average(i => loss[i]), expectedValues: ["east"]);
        Assert.Equal(1.5, r.Slices.Single(s => s.Value == "north").Result, 12);
        var east = r.Slices.Single(s => s.Value == "east");
        Assert.Equal(0, east.Support);
        Assert.Equal("No rows have this value.", east.Reason);
        Assert.Throws<ArgumentException>(() => Slicer.Classification("c", ["a"], [1, 0], [1, 0], 2));
    }
}
