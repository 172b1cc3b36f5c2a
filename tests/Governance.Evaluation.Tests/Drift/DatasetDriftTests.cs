using System.Text.Json;
using Governance.Evaluation.Drift;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Tests.Drift;

public class DatasetDriftTests
{
    private static (List<DriftColumn> Reference, List<DriftColumn> Current) Table(int shiftedColumns, int columns = 4)
    {
        var rng = new SeededRandom(10);
        var reference = new List<DriftColumn>();
        var current = new List<DriftColumn>();
        for (int c = 0; c < columns; c++)
        {
            reference.Add(new NumericColumn("n" + c, DriftSamples.Normal(rng, 2000)));
            current.Add(new NumericColumn("n" + c, DriftSamples.Normal(rng, 1500, c < shiftedColumns ? 1.0 : 0.0)));
        }

        return (reference, current);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(4, true)]
    public void Dataset_drifts_when_the_share_of_drifted_columns_reaches_one_half(int shifted, bool expected)
    {
        (List<DriftColumn> reference, List<DriftColumn> current) = Table(shifted);
        DatasetDriftReport report = DatasetDrift.Compare(reference, current);
        Assert.Equal(shifted, report.DriftedColumns);
        Assert.Equal(4, report.EvaluatedColumns);
        Assert.Equal(expected, report.DatasetDrifted);
        Assert.Equal(["n0", "n1", "n2", "n3"], report.Columns.Select(c => c.Column));
    }

    [Fact]
    public void Per_column_overrides_and_mixed_kinds()
    {
        (List<DriftColumn> reference, List<DriftColumn> current) = Table(1, 2);
        reference.Add(new CategoricalColumn("city", ["a", "b", "a", "b"]));
        current.Add(new CategoricalColumn("city", ["a", "b", "b", "b"]));
        var options = new DatasetDriftOptions
        {
            Columns = new Dictionary<string, ColumnDriftOptions> { ["n1"] = new() { Method = DriftMethod.KolmogorovSmirnov } },
            DriftShare = 0.3,
        };
        DatasetDriftReport report = DatasetDrift.Compare(reference, current, options);
        Assert.Equal(DriftMethod.Wasserstein, report.Columns[0].Method);
        Assert.Equal(DriftMethod.KolmogorovSmirnov, report.Columns[1].Method);
        Assert.Equal(DriftMethod.ChiSquare, report.Columns[2].Method);
        Assert.True(report.DatasetDrifted); // 1 of 3 >= 0.3
    }

    [Fact]
    public void Undefined_columns_are_listed_and_left_out_of_the_share()
    {
        var reference = new List<DriftColumn> { new NumericColumn("empty", []), new NumericColumn("x", [1, 2, 3]) };
        var current = new List<DriftColumn> { new NumericColumn("empty", [1.0]), new NumericColumn("x", [1, 2, 3]) };
        DatasetDriftReport report = DatasetDrift.Compare(reference, current);
        Assert.Equal(["empty"], report.UndefinedColumns);
        Assert.Equal(1, report.EvaluatedColumns);
        Assert.False(report.DatasetDrifted);
    }

    [Fact]
    public void Mismatched_tables_are_rejected_with_the_column_named()
    {
        var numeric = new List<DriftColumn> { new NumericColumn("x", [1.0]) };
        var categorical = new List<DriftColumn> { new CategoricalColumn("x", ["a"]) };
        var other = new List<DriftColumn> { new NumericColumn("y", [1.0]) };
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => DatasetDrift.Compare(numeric, categorical)).Message);
        Assert.Contains("'x'", Assert.Throws<ArgumentException>(() => DatasetDrift.Compare(numeric, other)).Message);
        var duplicate = new List<DriftColumn> { new NumericColumn("x", [1.0]), new NumericColumn("x", [2.0]) };
        Assert.Throws<ArgumentException>(() => DatasetDrift.Compare(duplicate, numeric));
        Assert.Throws<ArgumentException>(() => DatasetDrift.Compare(numeric, numeric, new DatasetDriftOptions { DriftShare = 0 }));
        var typo = new DatasetDriftOptions { Columns = new Dictionary<string, ColumnDriftOptions> { ["X"] = new() } };
        Assert.Contains("'X'", Assert.Throws<ArgumentException>(() => DatasetDrift.Compare(numeric, numeric, typo)).Message);
    }

    [Fact]
    public void Report_round_trips_through_system_text_json()
    {
        (List<DriftColumn> reference, List<DriftColumn> current) = Table(2);
        DatasetDriftReport report = DatasetDrift.Compare(reference, current);
        string json = JsonSerializer.Serialize(report);
        Assert.Contains("\"SchemaVersion\":\"governance.evaluation/1\"", json);
        Assert.Contains("\"Method\":\"Wasserstein\"", json);
        DatasetDriftReport back = JsonSerializer.Deserialize<DatasetDriftReport>(json)!;
        Assert.Equal(report.DriftedColumns, back.DriftedColumns);
        Assert.Equal(report.Columns[0].Statistic, back.Columns[0].Statistic);
        Assert.Equal(report.Columns[0].Histogram!.CurrentCounts, back.Columns[0].Histogram!.CurrentCounts);
    }
}
