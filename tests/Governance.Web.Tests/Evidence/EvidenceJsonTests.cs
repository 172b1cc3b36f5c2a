using Governance.Domain.Evidence;
using Governance.Web.Components.Pages.Evidence;
using Governance.Web.Components.Shared.Charts;

namespace Governance.Web.Tests.Evidence;

/// <summary>Reading stored results back: records written before the comparison fields existed still read; drift columns are found anywhere.</summary>
public sealed class EvidenceJsonTests
{
    // The shape EvaluateCandidate wrote before productionReport, productionIntervals, productionSlices and calibration were added.
    private const string OldEvaluation = """
        {"candidate":{"id":"0193a0b0-0000-7000-8000-000000000001","number":1,"artifactHash":"ab"},"production":null,
         "dataset":{"id":"0193a0b0-0000-7000-8000-000000000002","name":"m-training","version":3,"contentHash":"cd","heldOutRows":4},
         "report":{"sampleCount":4,"classCount":2,"confusionMatrix":[[2,0],[1,1]],"accuracy":0.75,"balancedAccuracy":0.75,"matthewsCorrelation":0.577,
           "perClass":[{"class":0,"precision":0.667,"recall":1,"f1":0.8,"support":2,"predicted":3,"zeroDivision":false},
                       {"class":1,"precision":1,"recall":0.5,"f1":0.667,"support":2,"predicted":1,"zeroDivision":false}],
           "macro":{"precision":0.833,"recall":0.75,"f1":0.733},"micro":{"precision":0.75,"recall":0.75,"f1":0.75},
           "weighted":{"precision":0.833,"recall":0.75,"f1":0.733},"averagedClasses":[0,1],"zeroDivision":"Zero","zeroDivisionClasses":[],"method":"counts"},
         "intervals":[{"metric":"MacroF1","estimate":0.733,"lower":0.4,"upper":1,"confidenceLevel":0.95,"resamples":200,"validResamples":200,"seed":1,"sampleSize":4,"method":"percentile"}],
         "paired":null,"mcnemar":null,"slices":[]}
        """;

    [Fact]
    public void An_evaluation_stored_before_the_comparison_fields_still_reads()
    {
        var record = EvaluationRecord.Create(Guid.NewGuid(), Guid.NewGuid(), null, Guid.NewGuid(), null, 4, 0.733, 0.4, 1, 0.75, null, OldEvaluation, DateTimeOffset.UnixEpoch);
        var read = EvidenceJson.Evaluation(record);
        Assert.Null(read.ProductionNumber);
        Assert.Equal("m-training v3", read.Dataset);
        Assert.Equal([2L, 0L], read.Report.ConfusionMatrix[0]);
        Assert.Equal(0.733, read.Report.Macro.F1);
        Assert.Equal(0.4, Assert.Single(read.Intervals).Lower);
        Assert.Null(read.ProductionReport);
        Assert.Null(read.Calibration);
        Assert.Null(read.Paired);
    }

    [Fact]
    public void Drift_columns_are_found_wherever_the_check_put_them()
    {
        var json = """
            {"text":{"column":"text","tokenDistribution":{"column":"text:tokens","kind":"Text","method":"JensenShannon","statistic":0.2,"threshold":0.1,"drifted":true,"referenceCount":10,"currentCount":12},
                     "domainClassifier":{"column":"text:domain-classifier","kind":"Text","method":"DomainClassifier","statistic":0.51,"threshold":0.55,"drifted":false,"referenceCount":5,"currentCount":5}},
             "predictions":[{"column":"prediction","kind":"Categorical","method":"ChiSquare","statistic":"Infinity","pValue":0.0,"threshold":0.05,"drifted":true,"referenceCount":5,"currentCount":5,
                             "histogram":{"categories":["0","1"],"referenceCounts":[3,2],"currentCounts":[1,4]}}]}
            """;
        var columns = EvidenceJson.DriftColumns(json);
        Assert.Equal(["text:tokens", "text:domain-classifier", "prediction"], columns.Select(c => c.Column));
        Assert.True(double.IsPositiveInfinity(columns[2].Statistic!.Value));
        Assert.Equal([3L, 2L], columns[2].Histogram!.ReferenceCounts);
    }

    [Fact]
    public void Chart_scale_ticks_are_round_numbers_covering_the_data()
    {
        var scale = ChartScale.For([0.12, 0.87], 0, null, 200, 0);
        Assert.Equal(0, scale.Min);
        Assert.Equal(1, scale.Max, 9);
        Assert.Equal([0, 0.2, 0.4, 0.6, 0.8, 1.0], scale.Ticks.Select(t => Math.Round(t, 9)));
        Assert.Equal(200, scale.Map(0));
        Assert.Equal(0, scale.Map(1), 9);
        Assert.Equal(0, scale.Map(5), 9); // clamped
    }

    [Fact]
    public void Loss_samples_keep_the_first_and_last_step()
    {
        var picks = EvidenceFormat.Sample(1000, 60);
        Assert.True(picks.Count <= 60);
        Assert.Equal(0, picks[0]);
        Assert.Equal(999, picks[^1]);
        Assert.Equal(Enumerable.Range(0, 5), EvidenceFormat.Sample(5, 60));
    }
}
