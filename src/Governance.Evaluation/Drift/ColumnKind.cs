using System.Text.Json.Serialization;

namespace Governance.Evaluation.Drift;

/// <summary>What a drift result was computed over.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ColumnKind>))]
public enum ColumnKind
{
    /// <summary>Real numbers.</summary>
    Numeric,
    /// <summary>Labels compared by their frequencies.</summary>
    Categorical,
    /// <summary>Documents.</summary>
    Text,
    /// <summary>Fixed-length vectors.</summary>
    Embedding,
}
