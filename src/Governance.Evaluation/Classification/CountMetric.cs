namespace Governance.Evaluation.Classification;

/// <summary>A scalar metric computable from confusion counts alone (used by bootstrap and slices).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<CountMetric>))]
public enum CountMetric
{
    /// <summary>Share of correct predictions.</summary>
    Accuracy,

    /// <summary>Mean recall over classes present in the true labels.</summary>
    BalancedAccuracy,

    /// <summary>Unweighted mean of per-class precision over classes present in true or predicted labels.</summary>
    MacroPrecision,

    /// <summary>Unweighted mean of per-class recall.</summary>
    MacroRecall,

    /// <summary>Unweighted mean of per-class F1.</summary>
    MacroF1,

    /// <summary>F1 from pooled counts (equals accuracy when every class is included).</summary>
    MicroF1,

    /// <summary>Per-class F1 weighted by support.</summary>
    WeightedF1,

    /// <summary>Matthews correlation coefficient (multiclass: Gorodkin's R_K).</summary>
    MatthewsCorrelation,

    /// <summary>Precision of class 1 (binary tasks).</summary>
    PositivePrecision,

    /// <summary>Recall of class 1 (binary tasks), the true positive rate.</summary>
    PositiveRecall,

    /// <summary>F1 of class 1 (binary tasks).</summary>
    PositiveF1,
}
