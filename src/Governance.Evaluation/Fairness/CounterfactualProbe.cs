namespace Governance.Evaluation.Fairness;

/// <summary>
/// Counterfactual fairness probe for text classifiers: swap identity terms (pronouns, configured pairs,
/// female/male first names) and measure how often the predicted class flips and how far the class
/// probabilities move. Texts with nothing to swap are counted but not probed.
/// </summary>
public static class CounterfactualProbe
{
    private const string Method = "swap identity terms in one pass; flip = argmax changes (first max wins); change = max over classes |p - p'|; " +
        "rates over probed texts only";

    /// <summary>Runs the probe.</summary>
    /// <param name="texts">Texts to probe.</param>
    /// <param name="predictor">Class probabilities per text, one row per input text, rows of equal length.</param>
    /// <param name="options">Swap rules and reporting.</param>
    /// <exception cref="ArgumentException">No texts, a null text, bad options.</exception>
    /// <exception cref="InvalidOperationException">The predictor returned the wrong number of rows or invalid probabilities.</exception>
    public static CounterfactualReport Run(IReadOnlyList<string> texts, Func<IReadOnlyList<string>, double[][]> predictor, CounterfactualOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(predictor);
        options ??= new CounterfactualOptions();
        if (texts.Count == 0) throw new ArgumentException("No texts to probe.", nameof(texts));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(options.WorstExamples);
        var swapper = new IdentitySwapper(options);

        var indices = new List<int>();
        var originals = new List<string>();
        var counterfactuals = new List<string>();
        var swaps = new List<IReadOnlyList<string>>();
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i] ?? throw new ArgumentException($"Text {i} is null.", nameof(texts));
            var (swapped, made) = swapper.Swap(text);
            if (made.Count == 0) continue;
            indices.Add(i);
            originals.Add(text);
            counterfactuals.Add(swapped);
            swaps.Add(made);
        }
        if (indices.Count == 0)
            return new CounterfactualReport(texts.Count, 0, 0, null, null, null, [], swapper.RuleCounts, Method);

        var before = Predict(predictor, originals, options.BatchSize);
        var after = Predict(predictor, counterfactuals, options.BatchSize);
        var examples = new List<CounterfactualExample>(indices.Count);
        int flips = 0;
        double sum = 0;
        for (int j = 0; j < indices.Count; j++)
        {
            if (before[j].Length != after[j].Length || before[j].Length != before[0].Length)
                throw new InvalidOperationException("The predictor returned rows with different numbers of classes.");
            double change = 0;
            for (int c = 0; c < before[j].Length; c++) change = Math.Max(change, Math.Abs(before[j][c] - after[j][c]));
            int a = ArgMax(before[j]), b = ArgMax(after[j]);
            if (a != b) flips++;
            sum += change;
            examples.Add(new CounterfactualExample(indices[j], originals[j], counterfactuals[j], swaps[j], before[j], after[j], a, b, change));
        }
        var worst = examples.OrderByDescending(e => e.AbsoluteChange).ThenBy(e => e.Index).Take(options.WorstExamples).ToList();
        return new CounterfactualReport(texts.Count, indices.Count, flips, (double)flips / indices.Count, sum / indices.Count,
            examples.Max(e => e.AbsoluteChange), worst, swapper.RuleCounts, Method);
    }

    private static List<double[]> Predict(Func<IReadOnlyList<string>, double[][]> predictor, List<string> texts, int batchSize)
    {
        var rows = new List<double[]>(texts.Count);
        for (int start = 0; start < texts.Count; start += batchSize)
        {
            var batch = texts.GetRange(start, Math.Min(batchSize, texts.Count - start));
            var output = predictor(batch) ?? throw new InvalidOperationException("The predictor returned null.");
            if (output.Length != batch.Count)
                throw new InvalidOperationException($"The predictor returned {output.Length} rows for {batch.Count} texts.");
            foreach (var row in output)
            {
                if (row is null || row.Length == 0) throw new InvalidOperationException("The predictor returned an empty row.");
                double total = 0;
                foreach (double p in row)
                {
                    if (!(p >= 0 && p <= 1)) throw new InvalidOperationException($"The predictor returned probability {p} outside [0, 1].");
                    total += p;
                }
                if (Math.Abs(total - 1) > 1e-6) throw new InvalidOperationException($"The predictor returned a row summing to {total}, not 1.");
                rows.Add(row);
            }
        }
        return rows;
    }

    private static int ArgMax(double[] row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++) if (row[c] > row[best]) best = c;
        return best;
    }
}
