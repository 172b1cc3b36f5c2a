using System.Buffers;

namespace Governance.Evaluation.Drift;

/// <summary>
/// LSD radix sort of doubles on order-preserving 64-bit keys: about 4 times faster than Array.Sort
/// on a million values, which is what keeps 1M x 20 columns under a second. Only the top 48 key bits
/// are radix-sorted (4 passes of 12-bit digits); values that agree in those bits (a relative
/// difference below about 2^-36) are then put in order by sorting each such run, which is a no-op
/// scan for most data. Filtering non-finite values, key conversion and all digit histograms share
/// one read pass; passes where every key has the same digit are skipped; the last pass writes doubles.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 12;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = 4; // 4 * 12 = 48 bits: key bits 16..63
    private const int IgnoredBits = 16;
    private const int SmallSortThreshold = 512;

    /// <summary>The finite values of <paramref name="input"/>, sorted ascending, in a new array.</summary>
    public static double[] SortFinite(ReadOnlySpan<double> input, out long nonFinite)
    {
        int finite = 0;
        if (input.Length <= SmallSortThreshold)
        {
            double[] small = new double[input.Length];
            foreach (double v in input)
            {
                if (double.IsFinite(v))
                {
                    small[finite++] = v;
                }
            }

            nonFinite = input.Length - finite;
            Array.Resize(ref small, finite);
            Array.Sort(small);
            return small;
        }

        ulong[] keysArray = ArrayPool<ulong>.Shared.Rent(input.Length);
        ulong[] tempArray = ArrayPool<ulong>.Shared.Rent(input.Length);
        int[] countsArray = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            Span<int> histogram = countsArray.AsSpan(0, Passes * Buckets);
            histogram.Clear();
            for (int i = 0; i < input.Length; i++)
            {
                double v = input[i];
                if (!double.IsFinite(v))
                {
                    continue;
                }

                ulong key = ToKey(v);
                keysArray[finite++] = key;
                histogram[(int)((key >> 16) & (Buckets - 1))]++;
                histogram[Buckets + (int)((key >> 28) & (Buckets - 1))]++;
                histogram[(2 * Buckets) + (int)((key >> 40) & (Buckets - 1))]++;
                histogram[(3 * Buckets) + (int)(key >> 52)]++;
            }

            nonFinite = input.Length - finite;
            double[] output = new double[finite];
            if (finite == 0)
            {
                return output;
            }

            Span<ulong> keys = keysArray.AsSpan(0, finite);
            Span<ulong> temp = tempArray.AsSpan(0, finite);
            int lastPass = -1;
            for (int p = 0; p < Passes; p++)
            {
                if (histogram[(p * Buckets) + (int)((keys[0] >> (IgnoredBits + (p * DigitBits))) & (Buckets - 1))] != finite)
                {
                    lastPass = p;
                }
            }

            for (int p = 0; p <= lastPass; p++)
            {
                Span<int> offsets = histogram.Slice(p * Buckets, Buckets);
                int shift = IgnoredBits + (p * DigitBits);
                if (offsets[(int)((keys[0] >> shift) & (Buckets - 1))] == finite)
                {
                    continue; // every key has this digit: the pass would not move anything
                }

                int running = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int c = offsets[b];
                    offsets[b] = running;
                    running += c;
                }

                if (p == lastPass)
                {
                    for (int i = 0; i < keys.Length; i++)
                    {
                        ulong key = keys[i];
                        output[offsets[(int)((key >> shift) & (Buckets - 1))]++] = FromKey(key);
                    }

                    SortTies(output);
                    return output;
                }

                for (int i = 0; i < keys.Length; i++)
                {
                    ulong key = keys[i];
                    temp[offsets[(int)((key >> shift) & (Buckets - 1))]++] = key;
                }

                Span<ulong> swap = keys;
                keys = temp;
                temp = swap;
            }

            // All keys share their top 48 bits (no pass needed).
            for (int i = 0; i < keys.Length; i++)
            {
                output[i] = FromKey(keys[i]);
            }

            SortTies(output);
            return output;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keysArray);
            ArrayPool<ulong>.Shared.Return(tempArray);
            ArrayPool<int>.Shared.Return(countsArray);
        }
    }

    // Sorts each run of values whose keys agree in the radix-sorted top 48 bits (the low 16 bits were ignored).
    private static void SortTies(double[] values)
    {
        int start = 0;
        bool ordered = true;
        ulong runTop = ToKey(values[0]) >> IgnoredBits;
        for (int i = 1; i <= values.Length; i++)
        {
            ulong top = i < values.Length ? ToKey(values[i]) >> IgnoredBits : ~runTop;
            if (top == runTop)
            {
                ordered &= values[i] >= values[i - 1];
                continue;
            }

            if (!ordered)
            {
                values.AsSpan(start, i - start).Sort();
            }

            start = i;
            runTop = top;
            ordered = true;
        }
    }

    // Negative numbers: flip all bits (larger magnitude sorts first); others: set the sign bit.
    private static ulong ToKey(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        return (bits >> 63) != 0 ? ~bits : bits | 0x8000_0000_0000_0000UL;
    }

    private static double FromKey(ulong key)
    {
        ulong bits = (key >> 63) != 0 ? key & 0x7FFF_FFFF_FFFF_FFFFUL : ~key;
        return BitConverter.UInt64BitsToDouble(bits);
    }
}
