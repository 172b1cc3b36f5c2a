namespace Governance.Evaluation.Drift;

/// <summary>
/// Text drift between reference and current documents. Tokens are lowercased runs of letters or
/// digits (see <see cref="TextDriftOptions.MaxTokensPerDocument"/>); null documents count as empty.
/// </summary>
public static class TextDrift
{
    /// <summary>Compares the documents of <paramref name="current"/> with those of <paramref name="reference"/>.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public static TextDriftReport Compare(string column, IReadOnlyList<string?> reference, IReadOnlyList<string?> current, TextDriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new TextDriftOptions();
        options.Validate();
        ulong[][] r = HashAll(reference, options);
        ulong[][] c = HashAll(current, options);

        Dictionary<ulong, long>? refCounts = null, curCounts = null;
        Parallel.Invoke(() => refCounts = Count(r), () => curCounts = Count(c));
        return new TextDriftReport
        {
            Column = column,
            TokenDistribution = TokenDistribution(column, refCounts!, curCounts!, reference, current, options),
            OutOfVocabulary = OutOfVocabulary(column, refCounts!, curCounts!, options),
            Length = NumericDrift.Compare(column + ":length", Lengths(r), Lengths(c), options.Length) with { Kind = ColumnKind.Text },
            DomainClassifier = DomainClassifier.Test(column + ":domain-classifier", r, c, options),
        };
    }

    internal static ulong[][] HashAll(IReadOnlyList<string?> documents, TextDriftOptions options)
    {
        var hashed = new ulong[documents.Count][];
        Parallel.For(0, documents.Count, i => hashed[i] = TextTokens.Hash(documents[i], options.MaxTokensPerDocument));
        return hashed;
    }

    private static ColumnDriftResult TokenDistribution(string column, Dictionary<ulong, long> refCounts, Dictionary<ulong, long> curCounts,
        IReadOnlyList<string?> reference, IReadOnlyList<string?> current, TextDriftOptions options)
    {
        var vocabulary = new HashSet<ulong>(refCounts.Keys);
        vocabulary.UnionWith(curCounts.Keys);
        long refTotal = Total(refCounts), curTotal = Total(curCounts);
        var result = new ColumnDriftResult
        {
            Column = column + ":tokens",
            Kind = ColumnKind.Text,
            Method = DriftMethod.JensenShannon,
            MethodIsDefault = true,
            Threshold = options.TokenJensenShannonThreshold,
            ReferenceCount = refTotal,
            CurrentCount = curTotal,
            Detail = "token frequencies over the union vocabulary; natural log",
            Parameters = NumericDrift.Params(("vocabulary", vocabulary.Count), ("maxTokensPerDocument", options.MaxTokensPerDocument)),
        };
        if (refTotal == 0 || curTotal == 0)
        {
            return result with { UndefinedReason = $"The {(refTotal == 0 ? "reference" : "current")} documents contain no tokens." };
        }

        double[] p = new double[vocabulary.Count], q = new double[vocabulary.Count];
        int k = 0;
        foreach (ulong token in vocabulary)
        {
            p[k] = refCounts.GetValueOrDefault(token);
            q[k] = curCounts.GetValueOrDefault(token);
            k++;
        }

        double js = JensenShannon.Distance(p, q);
        return result with { Statistic = js, Drifted = js >= options.TokenJensenShannonThreshold, Histogram = TopTokens(refCounts, curCounts, reference, current, options) };
    }

    private static ColumnDriftResult OutOfVocabulary(string column, Dictionary<ulong, long> refCounts, Dictionary<ulong, long> curCounts, TextDriftOptions options)
    {
        long curTotal = Total(curCounts), unseen = 0;
        foreach (KeyValuePair<ulong, long> kv in curCounts)
        {
            if (!refCounts.ContainsKey(kv.Key))
            {
                unseen += kv.Value;
            }
        }

        var result = new ColumnDriftResult
        {
            Column = column + ":oov",
            Kind = ColumnKind.Text,
            Method = DriftMethod.OutOfVocabularyRate,
            MethodIsDefault = true,
            Threshold = options.OutOfVocabularyThreshold,
            ReferenceCount = Total(refCounts),
            CurrentCount = curTotal,
            Detail = "current token occurrences whose token never occurs in the reference / all current token occurrences",
            Parameters = NumericDrift.Params(("referenceVocabulary", refCounts.Count), ("unseenOccurrences", unseen)),
        };
        if (curTotal == 0 || refCounts.Count == 0)
        {
            return result with { UndefinedReason = curTotal == 0 ? "The current documents contain no tokens." : "The reference documents contain no tokens." };
        }

        double rate = unseen / (double)curTotal;
        var histogram = new DriftHistogram(null, ["in reference vocabulary", "out of vocabulary"], [result.ReferenceCount, 0], [curTotal - unseen, unseen]);
        return result with { Statistic = rate, Drifted = rate >= options.OutOfVocabularyThreshold, Histogram = histogram };
    }

    private static DriftHistogram TopTokens(Dictionary<ulong, long> refCounts, Dictionary<ulong, long> curCounts,
        IReadOnlyList<string?> reference, IReadOnlyList<string?> current, TextDriftOptions options)
    {
        var combined = new Dictionary<ulong, long>(refCounts);
        foreach (KeyValuePair<ulong, long> kv in curCounts)
        {
            combined[kv.Key] = combined.GetValueOrDefault(kv.Key) + kv.Value;
        }

        var top = new List<KeyValuePair<ulong, long>>(combined);
        top.Sort((a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        if (top.Count > options.HistogramTokens)
        {
            top.RemoveRange(options.HistogramTokens, top.Count - options.HistogramTokens);
        }

        Dictionary<ulong, string> names = TokenNames(top, reference, current, options.MaxTokensPerDocument);
        string[] categories = new string[top.Count];
        long[] r = new long[top.Count], c = new long[top.Count];
        for (int i = 0; i < top.Count; i++)
        {
            categories[i] = names.GetValueOrDefault(top[i].Key, "#" + top[i].Key.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
            r[i] = refCounts.GetValueOrDefault(top[i].Key);
            c[i] = curCounts.GetValueOrDefault(top[i].Key);
        }

        return new DriftHistogram(null, categories, r, c);
    }

    // Recovers the text of the few histogram tokens by re-reading documents until all are named.
    private static Dictionary<ulong, string> TokenNames(List<KeyValuePair<ulong, long>> wanted, IReadOnlyList<string?> reference, IReadOnlyList<string?> current, int maxTokens)
    {
        var missing = new HashSet<ulong>();
        foreach (KeyValuePair<ulong, long> kv in wanted)
        {
            missing.Add(kv.Key);
        }

        var names = new Dictionary<ulong, string>();
        foreach (IReadOnlyList<string?> docs in new[] { reference, current })
        {
            for (int d = 0; d < docs.Count && missing.Count > 0; d++)
            {
                foreach ((ulong hash, string text) in TextTokens.Spell(docs[d], maxTokens))
                {
                    if (missing.Remove(hash))
                    {
                        names[hash] = text;
                    }
                }
            }
        }

        return names;
    }

    private static Dictionary<ulong, long> Count(ulong[][] documents)
    {
        var counts = new Dictionary<ulong, long>();
        foreach (ulong[] doc in documents)
        {
            foreach (ulong t in doc)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, t, out _)++;
            }
        }

        return counts;
    }

    private static double[] Lengths(ulong[][] documents)
    {
        double[] lengths = new double[documents.Length];
        for (int i = 0; i < documents.Length; i++)
        {
            lengths[i] = documents[i].Length;
        }

        return lengths;
    }

    private static long Total(Dictionary<ulong, long> counts)
    {
        long total = 0;
        foreach (long v in counts.Values)
        {
            total += v;
        }

        return total;
    }
}
