namespace Governance.Evaluation.Classification;

/// <summary>
/// Value used when precision, recall or F1 divide 0 by 0 (a class never predicted, or never present),
/// as scikit-learn's <c>zero_division</c>: its default "warn" behaves as <see cref="Zero"/>.
/// Classes affected are listed in the report, so the substitution is never silent.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ZeroDivisionPolicy>))]
public enum ZeroDivisionPolicy
{
    /// <summary>0/0 counts as 0 (scikit-learn default).</summary>
    Zero,

    /// <summary>0/0 counts as 1.</summary>
    One,
}
