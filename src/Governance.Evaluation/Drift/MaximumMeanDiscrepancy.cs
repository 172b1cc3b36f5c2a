using System.Numerics.Tensors;
using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Drift;

/// <summary>
/// Embedding drift by maximum mean discrepancy (Gretton et al. 2012) with the RBF kernel
/// k(x, y) = exp(-||x - y||^2 / (2 sigma^2)). The statistic is the unbiased estimate MMD^2_u (it can be
/// slightly negative under the null). Bandwidth by the median heuristic: sigma = median Euclidean
/// distance over all distinct pairs of the pooled (subsampled) vectors (the median of the positive
/// distances when most vectors coincide). p-value by permutation:
/// (1 + #{permuted MMD^2_u &gt;= observed}) / (1 + permutations), seeded.
/// </summary>
public static class MaximumMeanDiscrepancy
{
    /// <summary>Compares row-major embeddings (<paramref name="dimension"/> floats per vector).</summary>
    /// <exception cref="ArgumentException">Lengths not a multiple of the dimension, fewer than 2 vectors a side, non-finite values, or invalid options.</exception>
    public static ColumnDriftResult Compare(string column, ReadOnlySpan<float> reference, ReadOnlySpan<float> current, int dimension, EmbeddingDriftOptions? options = null)
    {
        options ??= new EmbeddingDriftOptions();
        if (dimension < 1)
        {
            throw new ArgumentException($"Dimension must be positive, was {dimension}.", nameof(dimension));
        }

        if (options.Permutations < 1 || options.MaxSamplesPerSide is < 2 or > 3000 || options.Bandwidth is <= 0 || !(options.Threshold is > 0 and < 1))
        {
            // 3,000 a side keeps the (n + m)^2 kernel matrix under 300 MB.
            throw new ArgumentException("Permutations >= 1, MaxSamplesPerSide in [2, 3000], Bandwidth > 0 when set, Threshold in (0, 1).", nameof(options));
        }

        int n = Rows(reference, dimension, nameof(reference)), m = Rows(current, dimension, nameof(current));
        var rng = new SeededRandom(options.Seed);
        int[] refRows = Subsample(n, options.MaxSamplesPerSide, rng), curRows = Subsample(m, options.MaxSamplesPerSide, rng);
        int nx = refRows.Length, total = refRows.Length + curRows.Length;
        float[] pooled = new float[total * dimension];
        for (int i = 0; i < nx; i++)
        {
            reference.Slice(refRows[i] * dimension, dimension).CopyTo(pooled.AsSpan(i * dimension, dimension));
        }

        for (int i = 0; i < curRows.Length; i++)
        {
            current.Slice(curRows[i] * dimension, dimension).CopyTo(pooled.AsSpan((nx + i) * dimension, dimension));
        }

        double[] kernel = SquaredDistances(pooled, total, dimension);
        double sigma = options.Bandwidth ?? MedianDistance(kernel, total);
        var result = new ColumnDriftResult
        {
            Column = column,
            Kind = ColumnKind.Embedding,
            Method = DriftMethod.MaximumMeanDiscrepancy,
            MethodIsDefault = true,
            Threshold = options.Threshold,
            ReferenceCount = nx,
            CurrentCount = curRows.Length,
            Detail = "unbiased MMD^2 with RBF kernel exp(-d^2 / (2 sigma^2)); " + (options.Bandwidth is null ? "sigma = median pairwise distance" : "sigma fixed") + "; permutation p-value",
            Parameters = NumericDrift.Params(("sigma", sigma), ("permutations", options.Permutations), ("seed", options.Seed), ("dimension", dimension),
                ("referenceRows", n), ("currentRows", m), ("maxSamplesPerSide", options.MaxSamplesPerSide)),
        };
        if (sigma == 0)
        {
            return result with { Statistic = 0.0, PValue = 1.0, Drifted = false, Detail = "all vectors are identical: MMD is 0" };
        }

        double gamma = 1.0 / (2.0 * sigma * sigma);
        for (int i = 0; i < kernel.Length; i++)
        {
            kernel[i] = Math.Exp(-kernel[i] * gamma);
        }

        double[] rowSums = new double[total];
        for (int i = 0; i < total; i++)
        {
            rowSums[i] = TensorPrimitives.Sum<double>(kernel.AsSpan(i * total, total));
        }

        double[] isReference = new double[total];
        Array.Fill(isReference, 1.0, 0, nx);
        double observed = UnbiasedMmd2(kernel, rowSums, total, isReference, nx);
        int exceed = 0;
        object gate = new();
        Parallel.For(0, options.Permutations, () => (Count: 0, Labels: new double[total]), (p, _, state) =>
        {
            var permRng = SeededRandom.ForStream(options.Seed, (ulong)p + 1);
            Array.Copy(isReference, state.Labels, total);
            permRng.Shuffle(state.Labels.AsSpan());
            if (UnbiasedMmd2(kernel, rowSums, total, state.Labels, nx) >= observed)
            {
                state.Count++;
            }

            return state;
        }, state => { lock (gate) { exceed += state.Count; } });

        double pValue = (1.0 + exceed) / (1.0 + options.Permutations);
        return result with { Statistic = observed, PValue = pValue, Drifted = pValue < options.Threshold };
    }

    // Sum over blocks: S_xx = s'Ks, S_yy = (1-s)'K(1-s), S_xy = s'K(1-s) with s the 0/1 reference
    // indicator; the diagonal (k = 1) is removed from S_xx and S_yy. rowSums[i] = sum_j K_ij.
    private static double UnbiasedMmd2(double[] kernel, double[] rowSums, int total, double[] isReference, int nx)
    {
        double sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < total; i++)
        {
            double toRef = TensorPrimitives.Dot<double>(kernel.AsSpan(i * total, total), isReference);
            double toCur = rowSums[i] - toRef;
            if (isReference[i] == 1.0)
            {
                sxx += toRef;
                sxy += toCur;
            }
            else
            {
                syy += toCur;
            }
        }

        double n = nx, m = total - nx;
        return ((sxx - n) / (n * (n - 1))) + ((syy - m) / (m * (m - 1))) - (2.0 * sxy / (n * m));
    }

    private static double[] SquaredDistances(float[] pooled, int total, int dimension)
    {
        double[] norms = new double[total];
        for (int i = 0; i < total; i++)
        {
            norms[i] = TensorPrimitives.Dot<float>(pooled.AsSpan(i * dimension, dimension), pooled.AsSpan(i * dimension, dimension));
        }

        double[] d2 = new double[total * total];
        Parallel.For(0, total, i =>
        {
            ReadOnlySpan<float> xi = pooled.AsSpan(i * dimension, dimension);
            for (int j = i + 1; j < total; j++)
            {
                double dot = TensorPrimitives.Dot<float>(xi, pooled.AsSpan(j * dimension, dimension));
                double v = Math.Max(norms[i] + norms[j] - (2.0 * dot), 0.0);
                d2[(i * total) + j] = v;
                d2[(j * total) + i] = v;
            }
        });
        return d2;
    }

    private static double MedianDistance(double[] d2, int total)
    {
        double[] upper = new double[(long)total * (total - 1) / 2];
        int k = 0;
        for (int i = 0; i < total; i++)
        {
            for (int j = i + 1; j < total; j++)
            {
                upper[k++] = d2[(i * total) + j];
            }
        }

        Array.Sort(upper);
        int mid = upper.Length / 2;
        double median2 = upper.Length % 2 == 1 ? upper[mid] : 0.5 * (upper[mid - 1] + upper[mid]);
        if (median2 > 0)
        {
            return Math.Sqrt(median2);
        }

        // Mostly duplicates: the median distance is 0, so fall back to the median of the positive distances.
        int firstPositive = Array.FindIndex(upper, d => d > 0);
        return firstPositive < 0 ? 0.0 : Math.Sqrt(upper[firstPositive + ((upper.Length - firstPositive) / 2)]);
    }

    private static int Rows(ReadOnlySpan<float> data, int dimension, string name)
    {
        if (data.Length % dimension != 0)
        {
            throw new ArgumentException($"Length {data.Length} is not a multiple of the dimension {dimension}.", name);
        }

        int rows = data.Length / dimension;
        if (rows < 2)
        {
            throw new ArgumentException($"MMD needs at least 2 vectors per side, got {rows}.", name);
        }

        for (int i = 0; i < data.Length; i++)
        {
            if (!float.IsFinite(data[i]))
            {
                throw new ArgumentException($"Embedding value at row {i / dimension}, component {i % dimension} is not finite.", name);
            }
        }

        return rows;
    }

    private static int[] Subsample(int rows, int max, SeededRandom rng)
    {
        int[] all = new int[rows];
        for (int i = 0; i < rows; i++)
        {
            all[i] = i;
        }

        if (rows <= max)
        {
            return all;
        }

        rng.Shuffle(all.AsSpan());
        int[] kept = all[..max];
        Array.Sort(kept);
        return kept;
    }
}
