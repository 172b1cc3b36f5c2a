namespace Governance.Domain.Releases;

/// <summary>
/// One gate of a release policy. <see cref="Metric"/> names the metric for metric gates ("macro_f1");
/// <see cref="Confidence"/> is the interval level the regression gate reads (0.95).
/// </summary>
public sealed record GateRule(GateKind Kind, string Metric = "", double Threshold = 0, double? Upper = null, double Confidence = 0.95)
{
    /// <summary>The rule in words, as reviewers read it.</summary>
    public string Describe() => Kind switch
    {
        GateKind.MinimumMetric => $"{Metric} >= {Threshold:0.###}",
        GateKind.NoRegression => $"no {Metric} regression worse than {Threshold:0.###} vs production at {Confidence:P0} confidence",
        GateKind.DisparateImpactBand => $"disparate-impact ratio within [{Threshold:0.###}, {Upper:0.###}]",
        GateKind.EqualizedOddsGap => $"equalized-odds gap <= {Threshold:0.###}",
        GateKind.NoUnresolvedDrift => "no unresolved drift",
        _ => Kind.ToString(),
    };

    /// <summary>Throws if the rule's numbers cannot be meant.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Kind))
        {
            throw DomainException.Invalid($"Unknown gate kind '{Kind}'.");
        }
        if (!double.IsFinite(Threshold) || (Upper is { } u && !double.IsFinite(u)))
        {
            throw DomainException.Invalid($"Gate '{Kind}' needs finite thresholds.");
        }
        if (Kind is GateKind.MinimumMetric or GateKind.NoRegression && string.IsNullOrWhiteSpace(Metric))
        {
            throw DomainException.Invalid($"Gate '{Kind}' needs a metric name.");
        }
        if (Kind == GateKind.NoRegression && (Confidence <= 0 || Confidence >= 1 || Threshold < 0))
        {
            throw DomainException.Invalid("A regression gate needs a confidence in (0, 1) and a non-negative tolerance.");
        }
        if (Kind == GateKind.DisparateImpactBand && (Upper is null || Threshold <= 0 || Upper < Threshold))
        {
            throw DomainException.Invalid("A disparate-impact band needs 0 < lower <= upper.");
        }
    }
}
