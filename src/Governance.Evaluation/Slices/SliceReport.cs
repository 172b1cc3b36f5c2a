using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Slices;

/// <summary>A metric on the rows sharing one value of a metadata column.</summary>
/// <param name="Value">Column value ("(missing)" for null).</param>
/// <param name="Support">Rows with this value.</param>
/// <param name="Status">Defined, or InsufficientSupport when Support &lt; the minimum (then no result is computed).</param>
/// <param name="Result">The metric on the slice, or default when not computed.</param>
/// <param name="Reason">Why there is no result, when there is none.</param>
public sealed record SliceResult<TResult>(string Value, int Support, MetricStatus Status, TResult? Result, string? Reason);

/// <summary>A metric per value of one metadata column.</summary>
/// <param name="Column">Column name.</param>
/// <param name="MinimumSupport">Smallest slice that gets a result.</param>
/// <param name="TotalRows">Rows in the data.</param>
/// <param name="Slices">Every value seen (and every expected value), largest slice first; none is dropped.</param>
/// <param name="Method">How the slices were formed.</param>
public sealed record SliceReport<TResult>(string Column, int MinimumSupport, int TotalRows, IReadOnlyList<SliceResult<TResult>> Slices, string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}
