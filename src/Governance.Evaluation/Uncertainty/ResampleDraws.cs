using Governance.Evaluation.Statistics;

namespace Governance.Evaluation.Uncertainty;

/// <summary>
/// The hot loop of every bootstrap: n uniform row indices in [0, n) per resample. Two unbiased
/// 32-bit draws per 64-bit random word (Lemire's multiply-shift with rejection), handed to a struct
/// sink that the JIT inlines. Resample r always uses stream r of the seed.
/// </summary>
internal static class ResampleDraws
{
    internal interface ISink
    {
        void Add(int draw, int row);
    }

    public static void Run<TSink>(ulong seed, int resample, int n, ref TSink sink) where TSink : struct, ISink
    {
        var rng = SeededRandom.ForStream(seed, (ulong)resample);
        uint size = (uint)n;
        uint threshold = (0u - size) % size; // low words below this are rejected
        int i = 0;
        while (i < n)
        {
            ulong word = rng.NextUInt64();
            ulong m = (word & 0xFFFF_FFFFUL) * size;
            if ((uint)m >= threshold) sink.Add(i++, (int)(m >> 32));
            if (i == n) break;
            m = (word >> 32) * size;
            if ((uint)m >= threshold) sink.Add(i++, (int)(m >> 32));
        }
    }

    /// <summary>Writes the drawn row indices.</summary>
    public struct IndexSink(int[] indices) : ISink
    {
        public readonly void Add(int draw, int row) => indices[draw] = row;
    }

    /// <summary>Counts how often each row is drawn.</summary>
    public struct MultiplicitySink(int[] multiplicity) : ISink
    {
        public readonly void Add(int draw, int row) => multiplicity[row]++;
    }

    /// <summary>
    /// Counts confusion cells of drawn rows into four interleaved banks so that consecutive increments
    /// of the same cell do not wait on each other; <see cref="Collapse"/> sums the banks.
    /// </summary>
    public struct CellSink(byte[] cells, int[] banks, int cellCount) : ISink
    {
        public readonly void Add(int draw, int row) => banks[(draw & 3) * cellCount + cells[row]]++;
    }

    /// <summary>As <see cref="CellSink"/> for two models at once (paired bootstrap): cells packed as a &lt;&lt; 8 | b.</summary>
    public struct PairedCellSink(ushort[] cells, int[] banks, int cellCount) : ISink
    {
        public readonly void Add(int draw, int row)
        {
            int bank = (draw & 3) * 2 * cellCount;
            ushort c = cells[row];
            banks[bank + (c >> 8)]++;
            banks[bank + cellCount + (c & 0xFF)]++;
        }
    }

    /// <summary>Sums <paramref name="bankCount"/> banks of <paramref name="width"/> counters into <paramref name="counts"/> and clears them.</summary>
    public static void Collapse(int[] banks, int bankCount, int width, Span<long> counts)
    {
        counts.Clear();
        for (int b = 0; b < bankCount; b++)
            for (int c = 0; c < width; c++)
            {
                counts[c] += banks[b * width + c];
                banks[b * width + c] = 0;
            }
    }
}
