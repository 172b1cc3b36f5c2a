using System.Text.Json.Serialization;

namespace Governance.Evaluation.Drift;

/// <summary>
/// Drift of one column (or text / embedding / prediction aspect) between a reference and a current
/// sample, with everything a reviewer needs to judge it. <see cref="Statistic"/> and <see cref="Drifted"/>
/// are null when the result is undefined (see <see cref="UndefinedReason"/>), for example an empty column.
/// A chi-square statistic can be +Infinity (a category absent from the reference); it serialises as
/// the JSON string "Infinity".
/// </summary>
[JsonNumberHandling(JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record ColumnDriftResult
{
    /// <summary>Version of the stored JSON shape (shared by all evaluation results).</summary>
    public string SchemaVersion { get; init; } = Statistics.ResultSchema.Version;
    /// <summary>Column (or aspect, e.g. "text:domain-classifier") name.</summary>
    public required string Column { get; init; }
    /// <summary>Kind of data compared.</summary>
    public required ColumnKind Kind { get; init; }
    /// <summary>Statistic used.</summary>
    public required DriftMethod Method { get; init; }
    /// <summary>True when the method was chosen by the defaults, false when configured for the column.</summary>
    public bool MethodIsDefault { get; init; }
    /// <summary>Value of the statistic (distance, index, AUC, or test statistic).</summary>
    public double? Statistic { get; init; }
    /// <summary>p-value for the tests (KS, chi-square, MMD); null for distances.</summary>
    public double? PValue { get; init; }
    /// <summary>Threshold: a significance level for tests, a distance for the others.</summary>
    public required double Threshold { get; init; }
    /// <summary>True when drift was detected; null when undefined.</summary>
    public bool? Drifted { get; init; }
    /// <summary>Values of the reference sample that entered the statistic.</summary>
    public required long ReferenceCount { get; init; }
    /// <summary>Values of the current sample that entered the statistic.</summary>
    public required long CurrentCount { get; init; }
    /// <summary>Reference values left out (NaN/Infinity, null labels).</summary>
    public long ReferenceExcluded { get; init; }
    /// <summary>Current values left out (NaN/Infinity, null labels).</summary>
    public long CurrentExcluded { get; init; }
    /// <summary>How the p-value or statistic was obtained, e.g. "exact" or "asymptotic" for KS.</summary>
    public string? Detail { get; init; }
    /// <summary>Parameters that shape the statistic (bin counts, epsilon, seed, ...), as text.</summary>
    public IReadOnlyDictionary<string, string>? Parameters { get; init; }
    /// <summary>Reference vs current bin counts.</summary>
    public DriftHistogram? Histogram { get; init; }
    /// <summary>Why the statistic could not be computed; null when it was.</summary>
    public string? UndefinedReason { get; init; }
}
