namespace Governance.Domain.Releases;

/// <summary>
/// The numbers a gate decision reads, collected from the evaluation, bias and drift records of a
/// candidate. Metric names are snake_case ("macro_f1", "accuracy").
/// </summary>
public sealed record ReleaseEvidence
{
    /// <summary>Candidate point estimates by metric name.</summary>
    public IReadOnlyDictionary<string, double> CandidateMetrics { get; init; } = new Dictionary<string, double>();

    /// <summary>Paired (candidate - production) difference intervals by metric; absent when there is no production version.</summary>
    public IReadOnlyDictionary<string, MetricInterval> DifferenceVsProduction { get; init; } = new Dictionary<string, MetricInterval>();

    /// <summary>Disparate-impact ratios of eligible groups, keyed "attribute=group".</summary>
    public IReadOnlyDictionary<string, double> DisparateImpactRatios { get; init; } = new Dictionary<string, double>();

    /// <summary>Equalized-odds difference per sensitive attribute.</summary>
    public IReadOnlyDictionary<string, double> EqualizedOddsGaps { get; init; } = new Dictionary<string, double>();

    /// <summary>Drift breaches of the model not yet resolved (report ids or column names), empty when none.</summary>
    public IReadOnlyList<string> UnresolvedDrift { get; init; } = [];

    public bool HasProduction { get; init; }
}

/// <summary>A point estimate with its interval at a stated confidence.</summary>
public sealed record MetricInterval(double Estimate, double Lower, double Upper, double Confidence);
