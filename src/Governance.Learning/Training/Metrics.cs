namespace Governance.Learning.Training;

/// <summary>Accuracy and macro-F1 from a confusion matrix [true, predicted].</summary>
internal static class Metrics
{
    public static float Accuracy(int[,] confusion)
    {
        long correct = 0, total = 0;
        for (var i = 0; i < confusion.GetLength(0); i++)
            for (var j = 0; j < confusion.GetLength(1); j++)
            {
                total += confusion[i, j];
                if (i == j) correct += confusion[i, j];
            }
        return total == 0 ? 0f : (float)correct / total;
    }

    /// <summary>Mean over classes of F1; a class with no true and no predicted examples counts as F1 = 0 (as scikit-learn).</summary>
    public static float MacroF1(int[,] confusion)
    {
        var n = confusion.GetLength(0);
        double sum = 0;
        for (var c = 0; c < n; c++)
        {
            long tp = confusion[c, c], fp = 0, fn = 0;
            for (var k = 0; k < n; k++)
            {
                if (k == c) continue;
                fp += confusion[k, c];
                fn += confusion[c, k];
            }
            var denominator = 2 * tp + fp + fn;
            sum += denominator == 0 ? 0 : 2.0 * tp / denominator;
        }
        return (float)(sum / n);
    }
}
