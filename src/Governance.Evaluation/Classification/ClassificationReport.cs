namespace Governance.Evaluation.Classification;

/// <summary>Precision, recall and F1 of one class, with its support and how often it was predicted.</summary>
/// <param name="Class">Class label.</param>
/// <param name="Precision">TP / (TP + FP), or the zero-division value.</param>
/// <param name="Recall">TP / (TP + FN), or the zero-division value.</param>
/// <param name="F1">2TP / (2TP + FP + FN), or the zero-division value.</param>
/// <param name="Support">Examples whose true label is this class.</param>
/// <param name="Predicted">Examples predicted as this class.</param>
/// <param name="ZeroDivision">True when any of the three was 0/0 and took the policy value.</param>
public sealed record ClassMetrics(int Class, double Precision, double Recall, double F1, long Support, long Predicted, bool ZeroDivision);

/// <summary>An averaged precision/recall/F1 triple.</summary>
public sealed record AveragedMetrics(double Precision, double Recall, double F1);

/// <summary>Count-based classification metrics and how they were obtained.</summary>
/// <param name="SampleCount">Number of examples.</param>
/// <param name="ClassCount">K; labels are 0..K-1.</param>
/// <param name="ConfusionMatrix">Rows = true class, columns = predicted class.</param>
/// <param name="Accuracy">Share correct.</param>
/// <param name="BalancedAccuracy">Mean recall over classes present in the true labels.</param>
/// <param name="MatthewsCorrelation">MCC (Gorodkin's R_K for K &gt; 2); 0 when undefined, as scikit-learn.</param>
/// <param name="PerClass">Per-class metrics for every class 0..K-1.</param>
/// <param name="Macro">Unweighted means over <paramref name="AveragedClasses"/>.</param>
/// <param name="Micro">Pooled counts (equal to accuracy for single-label classification).</param>
/// <param name="Weighted">Means weighted by support.</param>
/// <param name="AveragedClasses">Classes present in the true or predicted labels (scikit-learn's default label set).</param>
/// <param name="ZeroDivision">Value used for 0/0.</param>
/// <param name="ZeroDivisionClasses">Classes where a 0/0 occurred.</param>
/// <param name="Method">Definitions used.</param>
public sealed record ClassificationReport(
    long SampleCount,
    int ClassCount,
    long[][] ConfusionMatrix,
    double Accuracy,
    double BalancedAccuracy,
    double MatthewsCorrelation,
    IReadOnlyList<ClassMetrics> PerClass,
    AveragedMetrics Macro,
    AveragedMetrics Micro,
    AveragedMetrics Weighted,
    IReadOnlyList<int> AveragedClasses,
    ZeroDivisionPolicy ZeroDivision,
    IReadOnlyList<int> ZeroDivisionClasses,
    string Method)
{
    /// <summary>Result schema version.</summary>
    public string SchemaVersion { get; init; } = Governance.Evaluation.Statistics.ResultSchema.Version;
}
