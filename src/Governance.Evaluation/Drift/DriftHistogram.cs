namespace Governance.Evaluation.Drift;

/// <summary>
/// Reference and current counts per bin, for the portal's side-by-side histograms. Numeric bins have
/// <see cref="BinEdges"/> (count + 1 edges, ascending; bin k is [edge k, edge k+1), the last bin closed);
/// categorical bins have <see cref="Categories"/>. When <see cref="OpenEnded"/> is true the first and last
/// bins extend to -/+ infinity and their outer edges are only the smallest and largest value seen.
/// </summary>
public sealed record DriftHistogram(
    IReadOnlyList<double>? BinEdges,
    IReadOnlyList<string>? Categories,
    IReadOnlyList<long> ReferenceCounts,
    IReadOnlyList<long> CurrentCounts,
    bool OpenEnded = false);
