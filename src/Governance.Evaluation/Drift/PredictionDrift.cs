namespace Governance.Evaluation.Drift;

/// <summary>Drift of a model's outputs: predicted labels and confidences.</summary>
/// <param name="Labels">Categorical drift of the predicted labels.</param>
/// <param name="Confidence">Numeric drift of the confidence (probability of the predicted class).</param>
public sealed record PredictionDriftReport(ColumnDriftResult Labels, ColumnDriftResult Confidence)
{
    /// <summary>Version of the stored JSON shape (shared by all evaluation results).</summary>
    public string SchemaVersion { get; init; } = Statistics.ResultSchema.Version;
}

/// <summary>
/// Prediction drift: the predicted-label distribution (categorical drift, chi-square / Jensen-Shannon
/// by size) and the confidence distribution (numeric drift, KS / Wasserstein by size). Confidences
/// must lie in [0, 1].
/// </summary>
public static class PredictionDrift
{
    /// <summary>Drift of predicted labels.</summary>
    public static ColumnDriftResult Labels(IReadOnlyList<string?> reference, IReadOnlyList<string?> current, ColumnDriftOptions? options = null) =>
        CategoricalDrift.Compare("prediction:label", reference, current, options);

    /// <summary>Drift of confidences in [0, 1] (NaN handled per the options' policy).</summary>
    /// <exception cref="ArgumentException">A finite confidence outside [0, 1].</exception>
    public static ColumnDriftResult Confidence(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, ColumnDriftOptions? options = null)
    {
        CheckProbabilities(reference, nameof(reference));
        CheckProbabilities(current, nameof(current));
        return NumericDrift.Compare("prediction:confidence", reference, current, options);
    }

    /// <summary>
    /// Both drifts from class-probability rows (row-major, <paramref name="classCount"/> per row):
    /// label = argmax (lowest index on ties), confidence = max probability.
    /// </summary>
    /// <exception cref="ArgumentException">Class count below 2, a length not a multiple of it, or a probability outside [0, 1] / not finite.</exception>
    public static PredictionDriftReport FromProbabilities(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int classCount, ColumnDriftOptions? labelOptions = null, ColumnDriftOptions? confidenceOptions = null)
    {
        if (classCount < 2)
        {
            throw new ArgumentException($"Class count must be at least 2, was {classCount}.", nameof(classCount));
        }

        (string?[] refLabels, double[] refConfidence) = Split(reference, classCount, nameof(reference));
        (string?[] curLabels, double[] curConfidence) = Split(current, classCount, nameof(current));
        return new PredictionDriftReport(Labels(refLabels, curLabels, labelOptions), Confidence(refConfidence, curConfidence, confidenceOptions));
    }

    private static (string?[] Labels, double[] Confidence) Split(ReadOnlySpan<double> probabilities, int classCount, string name)
    {
        if (probabilities.Length % classCount != 0)
        {
            throw new ArgumentException($"Length {probabilities.Length} is not a multiple of the class count {classCount}.", name);
        }

        int rows = probabilities.Length / classCount;
        string?[] labels = new string?[rows];
        double[] confidence = new double[rows];
        string[] names = new string[classCount];
        for (int k = 0; k < classCount; k++)
        {
            names[k] = k.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<double> row = probabilities.Slice(r * classCount, classCount);
            int best = 0;
            for (int k = 0; k < classCount; k++)
            {
                double p = row[k];
                if (!(p >= 0 && p <= 1))
                {
                    throw new ArgumentException($"Probability at row {r}, class {k} is {p}; probabilities must lie in [0, 1].", name);
                }

                if (p > row[best])
                {
                    best = k;
                }
            }

            labels[r] = names[best];
            confidence[r] = row[best];
        }

        return (labels, confidence);
    }

    private static void CheckProbabilities(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            double v = values[i];
            if (double.IsFinite(v) && (v < 0 || v > 1))
            {
                throw new ArgumentException($"Confidence at index {i} is {v}; confidences must lie in [0, 1].", name);
            }
        }
    }
}
