namespace Governance.Evaluation.Drift;

/// <summary>
/// Documents as L2-normalised sparse rows of hashed unigram and bigram features (CSR layout):
/// row i holds Indices[Offsets[i]..Offsets[i+1]) with Values alongside. Each n-gram occurrence adds
/// its sign (+1/-1 from a hash bit, so collisions tend to cancel) to its bucket; buckets then take
/// sublinear weights sign(v) (1 + ln|v|) and the row is scaled to unit length.
/// </summary>
internal sealed class SparseRows
{
    private SparseRows(int[] offsets, int[] indices, float[] values, int dimension)
    {
        Offsets = offsets;
        Indices = indices;
        Values = values;
        Dimension = dimension;
    }

    public int[] Offsets { get; }
    public int[] Indices { get; }
    public float[] Values { get; }
    public int Dimension { get; }
    public int Count => Offsets.Length - 1;

    public static SparseRows Build(IReadOnlyList<ulong[]> documents, int dimensionBits, bool bigrams)
    {
        int dimension = 1 << dimensionBits;
        int mask = dimension - 1;
        var rowIndices = new int[documents.Count][];
        var rowValues = new float[documents.Count][];
        Parallel.For(
            0,
            documents.Count,
            () => new Scratch(dimension),
            (d, _, scratch) =>
            {
                ulong[] tokens = documents[d];
                scratch.Reserve(2 * tokens.Length);
                int touched = 0;
                float[] dense = scratch.Dense;
                int[] list = scratch.Touched;
                for (int t = 0; t < tokens.Length; t++)
                {
                    touched = Add(dense, list, touched, tokens[t], mask);
                    if (bigrams && t > 0)
                    {
                        touched = Add(dense, list, touched, TextTokens.Bigram(tokens[t - 1], tokens[t]), mask);
                    }
                }

                (rowIndices[d], rowValues[d]) = Drain(dense, list.AsSpan(0, touched));
                return scratch;
            },
            _ => { });

        int[] offsets = new int[documents.Count + 1];
        for (int d = 0; d < documents.Count; d++)
        {
            offsets[d + 1] = offsets[d] + rowIndices[d].Length;
        }

        int[] indices = new int[offsets[^1]];
        float[] values = new float[offsets[^1]];
        for (int d = 0; d < documents.Count; d++)
        {
            rowIndices[d].CopyTo(indices, offsets[d]);
            rowValues[d].CopyTo(values, offsets[d]);
        }

        return new SparseRows(offsets, indices, values, dimension);
    }

    // Adds one n-gram occurrence; returns the new number of touched buckets.
    private static int Add(float[] dense, int[] touched, int count, ulong gram, int mask)
    {
        ulong h = gram * 0xD6E8FEB86659FD93UL; // remix so index and sign use fresh bits
        int index = (int)(h >> 40) & mask;
        float before = dense[index];
        if (before == 0f)
        {
            touched[count++] = index;
        }

        float after = before + ((h & 1) == 0 ? 1f : -1f);
        dense[index] = after == 0f ? float.Epsilon : after; // cancelled out, but still marked as touched
        return count;
    }

    private sealed class Scratch(int dimension)
    {
        public float[] Dense { get; } = new float[dimension];

        public int[] Touched { get; private set; } = new int[1024];

        public void Reserve(int n)
        {
            if (Touched.Length < n)
            {
                Touched = new int[Math.Max(n, 2 * Touched.Length)];
            }
        }
    }

    // Sublinear term frequency sign(v) (1 + ln|v|), then L2 normalisation; clears the scratch.
    private static (int[] Indices, float[] Values) Drain(float[] dense, ReadOnlySpan<int> touched)
    {
        int[] idx = new int[touched.Length];
        float[] val = new float[touched.Length];
        int m = 0;
        double norm = 0;
        foreach (int j in touched)
        {
            float v = dense[j];
            dense[j] = 0f;
            float magnitude = MathF.Abs(v);
            if (magnitude < 0.5f)
            {
                continue; // occurrences cancelled out
            }

            float w = magnitude == 1f ? v : MathF.CopySign(1f + MathF.Log(magnitude), v); // most buckets hold one n-gram once
            idx[m] = j;
            val[m] = w;
            norm += w * w;
            m++;
        }

        if (m < idx.Length)
        {
            Array.Resize(ref idx, m);
            Array.Resize(ref val, m);
        }

        float scale = norm > 0 ? (float)(1.0 / Math.Sqrt(norm)) : 0f;
        for (int i = 0; i < m; i++)
        {
            val[i] *= scale;
        }

        return (idx, val);
    }

    public double Dot(int row, float[] weights)
    {
        int start = Offsets[row], length = Offsets[row + 1] - start;
        ReadOnlySpan<int> indices = Indices.AsSpan(start, length);
        ReadOnlySpan<float> values = Values.AsSpan(start, length);
        float s = 0;
        for (int k = 0; k < indices.Length; k++)
        {
            s += values[k] * weights[indices[k]];
        }

        return s;
    }
}
