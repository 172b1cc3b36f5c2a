using Governance.Evaluation.Classification;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Drift;

/// <summary>
/// Domain-classifier drift test for text: label reference documents 0 and current documents 1,
/// featurise them as hashed unigrams + bigrams, train a logistic regression, and measure with
/// stratified k-fold cross-validation how well it tells them apart. The statistic is the mean of
/// the per-fold ROC-AUCs (0.5 = indistinguishable); drift when it is at or above the threshold.
/// The histogram holds the out-of-fold predicted probability of "current" for each side.
/// </summary>
public static class DomainClassifier
{
    /// <summary>Runs the test on raw documents (null = empty document).</summary>
    public static ColumnDriftResult Test(string column, IReadOnlyList<string?> reference, IReadOnlyList<string?> current, TextDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new TextDriftOptions();
        options.Validate();
        return Test(column, TextDrift.HashAll(reference, options), TextDrift.HashAll(current, options), options);
    }

    internal static ColumnDriftResult Test(string column, ulong[][] reference, ulong[][] current, TextDriftOptions options)
    {
        var result = new ColumnDriftResult
        {
            Column = column,
            Kind = ColumnKind.Text,
            Method = DriftMethod.DomainClassifier,
            MethodIsDefault = true,
            Threshold = options.DomainClassifierThreshold,
            ReferenceCount = reference.Length,
            CurrentCount = current.Length,
            Detail = $"logistic regression (SGD) on hashed {(options.Bigrams ? "unigrams + bigrams" : "unigrams")}; mean ROC-AUC over {options.Folds} stratified folds",
        };
        if (reference.Length < options.Folds || current.Length < options.Folds)
        {
            return result with { UndefinedReason = $"Each side needs at least {options.Folds} documents for {options.Folds}-fold cross-validation." };
        }

        var documents = new ulong[reference.Length + current.Length][];
        reference.CopyTo(documents, 0);
        current.CopyTo(documents, reference.Length);
        int[] labels = new int[documents.Length];
        Array.Fill(labels, 1, reference.Length, current.Length);
        SparseRows rows = SparseRows.Build(documents, options.FeatureBits, options.Bigrams);
        int[] fold = AssignFolds(reference.Length, current.Length, options.Folds, options.Seed);

        double[] foldAuc = new double[options.Folds];
        double[] outOfFold = new double[documents.Length]; // P(current) from the model that did not see the document
        Parallel.For(0, options.Folds, f =>
        {
            var train = new List<int>(documents.Length);
            var test = new List<int>((documents.Length / options.Folds) + 1);
            for (int i = 0; i < documents.Length; i++)
            {
                (fold[i] == f ? test : train).Add(i);
            }

            LogisticRegression model = LogisticRegression.Train(rows, [.. train], labels, options.Epochs, options.LearningRate, options.L2, options.Seed + (ulong)f + 1);
            int[] testLabels = new int[test.Count];
            double[] scores = new double[test.Count];
            for (int t = 0; t < test.Count; t++)
            {
                testLabels[t] = labels[test[t]];
                scores[t] = model.Score(rows, test[t]);
                outOfFold[test[t]] = 1.0 / (1.0 + Math.Exp(-scores[t]));
            }

            foldAuc[f] = RocAuc.Binary(testLabels, scores).Value ?? 0.5; // both classes are in every fold by construction
        });

        double mean = 0;
        foreach (double a in foldAuc)
        {
            mean += a;
        }

        mean /= options.Folds;
        double n0 = reference.Length, n1 = current.Length;
        double nullStdError = Math.Sqrt((n0 + n1 + 1) / (12.0 * n0 * n1));
        return result with
        {
            Histogram = ScoreHistogram(outOfFold, reference.Length),
            Statistic = mean,
            Drifted = mean >= options.DomainClassifierThreshold,
            Parameters = NumericDrift.Params(
                ("folds", options.Folds),
                ("foldAuc", string.Join(";", Array.ConvertAll(foldAuc, a => a.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))),
                ("featureBits", options.FeatureBits),
                ("bigrams", options.Bigrams),
                ("epochs", options.Epochs),
                ("learningRate", options.LearningRate),
                ("l2", options.L2),
                ("seed", options.Seed),
                ("aucNullStdError", nullStdError)),
        };
    }

    // Out-of-fold P(current) in 10 equal bins on [0, 1]: reference documents should sit low, current high, when they differ.
    private static DriftHistogram ScoreHistogram(double[] probability, int referenceCount)
    {
        const int bins = 10;
        double[] edges = new double[bins + 1];
        for (int k = 0; k <= bins; k++)
        {
            edges[k] = k / (double)bins;
        }

        long[] r = new long[bins], c = new long[bins];
        for (int i = 0; i < probability.Length; i++)
        {
            int bin = Math.Min((int)(probability[i] * bins), bins - 1);
            (i < referenceCount ? r : c)[bin]++;
        }

        return new DriftHistogram(edges, null, r, c);
    }

    // Stratified: each class shuffled (seeded) and dealt round-robin into the folds.
    private static int[] AssignFolds(int referenceCount, int currentCount, int folds, ulong seed)
    {
        int[] fold = new int[referenceCount + currentCount];
        var rng = new SeededRandom(seed);
        Deal(fold, 0, referenceCount, folds, rng);
        Deal(fold, referenceCount, currentCount, folds, rng);
        return fold;
    }

    private static void Deal(int[] fold, int start, int count, int folds, SeededRandom rng)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = start + i;
        }

        rng.Shuffle(order.AsSpan());
        for (int i = 0; i < count; i++)
        {
            fold[order[i]] = i % folds;
        }
    }
}
