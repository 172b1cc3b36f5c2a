namespace Governance.Evaluation.Uncertainty;

/// <summary>How a bootstrap is run; recorded in every interval so that it can be reproduced.</summary>
/// <param name="Resamples">Number of resamples (with replacement, same size as the data).</param>
/// <param name="ConfidenceLevel">Two-sided level of the percentile interval, e.g. 0.95.</param>
/// <param name="Seed">Seed; resample r uses stream r of it, so results do not depend on thread count.</param>
/// <param name="MaxDegreeOfParallelism">Threads; null uses all cores.</param>
public sealed record BootstrapOptions(int Resamples = 1000, double ConfidenceLevel = 0.95, ulong Seed = 20_261_121, int? MaxDegreeOfParallelism = null)
{
    internal void Validate()
    {
        if (Resamples < 2) throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, "At least 2 resamples are required.");
        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
            throw new ArgumentOutOfRangeException(nameof(ConfidenceLevel), ConfidenceLevel, "Confidence level must be in (0, 1).");
        if (MaxDegreeOfParallelism is < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Must be at least 1.");
    }

    internal ParallelOptions Parallel => new() { MaxDegreeOfParallelism = MaxDegreeOfParallelism ?? -1 };
}

/// <summary>A percentile bootstrap interval and how it was obtained.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="Estimate">The metric on the full sample.</param>
/// <param name="Lower">Lower percentile bound ((1 - level) / 2 quantile of resample values, linear interpolation).</param>
/// <param name="Upper">Upper percentile bound.</param>
/// <param name="ConfidenceLevel">Two-sided level.</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="ValidResamples">Resamples where the metric was defined (others, e.g. AUC with one class, are excluded).</param>
/// <param name="Seed">Seed used.</param>
/// <param name="SampleSize">Examples in the data.</param>
/// <param name="Method">Method description.</param>
public sealed record BootstrapInterval(string Metric, double Estimate, double Lower, double Upper, double ConfidenceLevel,
    int Resamples, int ValidResamples, ulong Seed, int SampleSize, string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}

/// <summary>Champion vs challenger on the same examples: paired bootstrap of the difference challenger - champion.</summary>
/// <param name="Metric">Metric name.</param>
/// <param name="ChampionEstimate">Champion's metric on the full sample.</param>
/// <param name="ChallengerEstimate">Challenger's metric on the full sample.</param>
/// <param name="Difference">Challenger minus champion on the full sample.</param>
/// <param name="Lower">Lower percentile bound of the difference.</param>
/// <param name="Upper">Upper percentile bound of the difference.</param>
/// <param name="ConfidenceLevel">Two-sided level.</param>
/// <param name="ShareNotBetter">Share of valid resamples where the challenger was not better (difference &lt;= 0).</param>
/// <param name="Resamples">Resamples drawn.</param>
/// <param name="ValidResamples">Resamples where both metrics were defined.</param>
/// <param name="Seed">Seed used.</param>
/// <param name="SampleSize">Examples.</param>
/// <param name="Method">Method description.</param>
public sealed record PairedBootstrapResult(string Metric, double ChampionEstimate, double ChallengerEstimate, double Difference,
    double Lower, double Upper, double ConfidenceLevel, double ShareNotBetter, int Resamples, int ValidResamples, ulong Seed,
    int SampleSize, string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}

/// <summary>
/// A metric evaluated on the rows given by <paramref name="indices"/> (with repeats); NaN when undefined there.
/// Called from several threads at once and the span is reused after the call: keep it thread-safe and do not store the span.
/// </summary>
public delegate double ResampleMetric(ReadOnlySpan<int> indices);
