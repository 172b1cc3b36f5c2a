namespace Governance.Evaluation.Statistics;

/// <summary>Whether a metric has a value. Undefined metrics carry a reason instead of NaN.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<MetricStatus>))]
public enum MetricStatus
{
    /// <summary>The value is defined and reported.</summary>
    Defined,

    /// <summary>The metric is mathematically undefined for this input (e.g. ROC-AUC with one class); see the reason.</summary>
    Undefined,

    /// <summary>Too few examples (below the configured minimum support); not computed.</summary>
    InsufficientSupport,
}
