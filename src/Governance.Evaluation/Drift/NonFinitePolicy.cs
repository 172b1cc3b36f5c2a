using System.Text.Json.Serialization;

namespace Governance.Evaluation.Drift;

/// <summary>What numeric drift does with NaN and +/-Infinity (and categorical drift with null labels).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NonFinitePolicy>))]
public enum NonFinitePolicy
{
    /// <summary>Leave them out of the statistic and report how many were left out (the default).</summary>
    Exclude,
    /// <summary>Throw an <see cref="ArgumentException"/> naming the column and the count.</summary>
    Reject,
}
