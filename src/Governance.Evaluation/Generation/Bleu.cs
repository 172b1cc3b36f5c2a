namespace Governance.Evaluation.Generation;

/// <summary>
/// Corpus BLEU as sacreBLEU 2.x computes it: n-gram matches clipped by the maximum count in any
/// reference, summed over the corpus; brevity penalty from the closest reference length per segment;
/// geometric mean of the (smoothed) precisions; score on a 0-100 scale.
/// </summary>
public static class Bleu
{
    /// <summary>
    /// Scores <paramref name="hypotheses"/> against reference streams: <c>referenceStreams[r][i]</c> is the
    /// r-th reference of segment i (sacreBLEU's <c>corpus_bleu(hyps, [refs1, refs2])</c> shape).
    /// </summary>
    /// <exception cref="ArgumentException">No segments, no reference streams, or a stream of a different length.</exception>
    public static BleuResult Corpus(IReadOnlyList<string> hypotheses, IReadOnlyList<IReadOnlyList<string>> referenceStreams, BleuOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentNullException.ThrowIfNull(referenceStreams);
        options ??= new BleuOptions();
        if (hypotheses.Count == 0) throw new ArgumentException("No hypotheses.", nameof(hypotheses));
        if (referenceStreams.Count == 0) throw new ArgumentException("No reference streams.", nameof(referenceStreams));
        for (int r = 0; r < referenceStreams.Count; r++)
            if (referenceStreams[r].Count != hypotheses.Count)
                throw new ArgumentException($"Reference stream {r} has {referenceStreams[r].Count} segments; there are {hypotheses.Count} hypotheses.", nameof(referenceStreams));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxOrder, 1);

        int maxOrder = options.MaxOrder;
        var matches = new long[maxOrder];
        var totals = new long[maxOrder];
        long hypothesisLength = 0, referenceLength = 0;
        for (int i = 0; i < hypotheses.Count; i++)
        {
            string[] hyp = Words(hypotheses[i], options);
            var maxReferenceCounts = new Dictionary<string, int>(StringComparer.Ordinal);
            var referenceLengths = new int[referenceStreams.Count];
            for (int r = 0; r < referenceStreams.Count; r++)
            {
                string[] reference = Words(referenceStreams[r][i] ?? throw new ArgumentException($"Reference {r} of segment {i} is null.", nameof(referenceStreams)), options);
                referenceLengths[r] = reference.Length;
                foreach (var (gram, count) in NGrams(reference, maxOrder))
                    if (!maxReferenceCounts.TryGetValue(gram, out int existing) || count > existing) maxReferenceCounts[gram] = count;
            }
            hypothesisLength += hyp.Length;
            referenceLength += ClosestLength(hyp.Length, referenceLengths);
            foreach (var (gram, count) in NGrams(hyp, maxOrder))
            {
                int order = gram.Count(ch => ch == ' ') + 1;
                maxReferenceCounts.TryGetValue(gram, out int referenceCount);
                matches[order - 1] += Math.Min(count, referenceCount);
            }
            for (int n = 1; n <= maxOrder; n++) totals[n - 1] += Math.Max(0, hyp.Length - n + 1);
        }
        return Score(matches, totals, hypothesisLength, referenceLength, hypotheses.Count, options);
    }

    /// <summary>BLEU from sufficient statistics (sacreBLEU's <c>compute_bleu</c>).</summary>
    public static BleuResult Score(long[] matches, long[] totals, long hypothesisLength, long referenceLength, int segments, BleuOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        int maxOrder = options.MaxOrder;
        double brevity = hypothesisLength < referenceLength
            ? (hypothesisLength > 0 ? Math.Exp(1 - (double)referenceLength / hypothesisLength) : 0)
            : 1;
        var precisions = new double[maxOrder];
        string signature = Signature(options, segments);
        if (matches.All(m => m == 0))
            return new BleuResult(0, matches, totals, precisions, brevity, hypothesisLength, referenceLength, segments, signature);

        double smoothValue = options.SmoothValue ?? (options.Smoothing == BleuSmoothing.Floor ? 0.1 : 1);
        double mteval = 1;
        int effectiveOrder = maxOrder;
        for (int n = 1; n <= maxOrder; n++)
        {
            double correct = matches[n - 1], total = totals[n - 1];
            if (options.Smoothing == BleuSmoothing.AddK && n > 1)
            {
                correct += smoothValue;
                total += smoothValue;
            }
            if (total == 0) break;
            if (options.EffectiveOrder) effectiveOrder = n;
            if (correct == 0)
            {
                if (options.Smoothing == BleuSmoothing.Exp)
                {
                    mteval *= 2;
                    precisions[n - 1] = 100 / (mteval * total);
                }
                else if (options.Smoothing == BleuSmoothing.Floor)
                {
                    precisions[n - 1] = 100 * smoothValue / total;
                }
            }
            else
            {
                precisions[n - 1] = 100 * correct / total;
            }
        }
        // A zero precision makes the geometric mean 0 (sacreBLEU uses log 0 = -9999999999).
        double logSum = 0;
        for (int n = 0; n < effectiveOrder; n++) logSum += precisions[n] > 0 ? Math.Log(precisions[n]) : -9_999_999_999;
        double score = brevity * Math.Exp(logSum / effectiveOrder);
        return new BleuResult(score, matches, totals, precisions, brevity, hypothesisLength, referenceLength, segments, signature);
    }

    private static string[] Words(string segment, BleuOptions options)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (options.Lowercase) segment = segment.ToLowerInvariant();
        segment = segment.TrimEnd();
        if (options.Tokenize) segment = Tokenizer13a.Tokenize(segment);
        return segment.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
    }

    // N-grams of orders 1..maxOrder joined by single spaces (tokens never contain whitespace).
    internal static Dictionary<string, int> NGrams(string[] words, int maxOrder)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int n = 1; n <= maxOrder; n++)
            for (int start = 0; start + n <= words.Length; start++)
            {
                string gram = string.Join(' ', words, start, n);
                counts[gram] = counts.GetValueOrDefault(gram) + 1;
            }
        return counts;
    }

    // N-grams of one order, keyed as above.
    internal static Dictionary<string, int> NGramsOfOrder(string[] words, int n)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int start = 0; start + n <= words.Length; start++)
        {
            string gram = string.Join(' ', words, start, n);
            counts[gram] = counts.GetValueOrDefault(gram) + 1;
        }
        return counts;
    }

    private static int ClosestLength(int hypothesisLength, int[] referenceLengths)
    {
        int best = -1, bestDiff = -1;
        foreach (int length in referenceLengths)
        {
            int diff = Math.Abs(hypothesisLength - length);
            if (bestDiff == -1 || diff < bestDiff || (diff == bestDiff && length < best))
            {
                bestDiff = diff;
                best = length;
            }
        }
        return best;
    }

    private static string Signature(BleuOptions o, int segments)
    {
        string smooth = o.Smoothing switch
        {
            BleuSmoothing.None => "none",
            BleuSmoothing.Exp => "exp",
            BleuSmoothing.Floor => $"floor[{o.SmoothValue ?? 0.1:0.00}]",
            _ => $"add-k[{o.SmoothValue ?? 1:0.00}]",
        };
        return FormattableString.Invariant(
            $"case:{(o.Lowercase ? "lc" : "mixed")}|eff:{(o.EffectiveOrder ? "yes" : "no")}|tok:{(o.Tokenize ? "13a" : "none")}|smooth:{smooth}|order:{o.MaxOrder}|segments:{segments}|impl:Governance.Evaluation (sacreBLEU 2.x definition)");
    }
}
