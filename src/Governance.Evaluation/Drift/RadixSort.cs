using System.Buffers;

namespace Governance.Evaluation.Drift;

/// <summary>
/// LSD radix sort of doubles (11-bit digits, 6 passes) on order-preserving 64-bit keys: about 3-4 times
/// faster than Array.Sort on a million values, which is what keeps 1M x 20 columns under a second.
/// Passes where every key shares the digit are skipped. NaN must have been removed beforehand.
/// </summary>
internal static class RadixSort
{
    private const int DigitBits = 11;
    private const int Buckets = 1 << DigitBits;
    private const int Passes = 6; // 6 * 11 = 66 >= 64
    private const int SmallSortThreshold = 512;

    public static void Sort(Span<double> values)
    {
        if (values.Length <= SmallSortThreshold)
        {
            values.Sort();
            return;
        }

        int n = values.Length;
        ulong[] keysArray = ArrayPool<ulong>.Shared.Rent(n);
        ulong[] tempArray = ArrayPool<ulong>.Shared.Rent(n);
        int[] counts = ArrayPool<int>.Shared.Rent(Passes * Buckets);
        try
        {
            Span<ulong> keys = keysArray.AsSpan(0, n);
            Span<ulong> temp = tempArray.AsSpan(0, n);
            Span<int> histogram = counts.AsSpan(0, Passes * Buckets);
            histogram.Clear();

            for (int i = 0; i < n; i++)
            {
                ulong key = ToKey(values[i]);
                keys[i] = key;
                for (int p = 0; p < Passes; p++)
                {
                    histogram[(p * Buckets) + (int)((key >> (p * DigitBits)) & (Buckets - 1))]++;
                }
            }

            for (int p = 0; p < Passes; p++)
            {
                Span<int> digitCounts = histogram.Slice(p * Buckets, Buckets);
                int shift = p * DigitBits;
                if (digitCounts[(int)((keys[0] >> shift) & (Buckets - 1))] == n)
                {
                    continue; // every key has this digit: the pass would not move anything
                }

                int offset = 0;
                for (int b = 0; b < Buckets; b++)
                {
                    int c = digitCounts[b];
                    digitCounts[b] = offset;
                    offset += c;
                }

                for (int i = 0; i < n; i++)
                {
                    ulong key = keys[i];
                    int b = (int)((key >> shift) & (Buckets - 1));
                    temp[digitCounts[b]++] = key;
                }

                Span<ulong> swap = keys;
                keys = temp;
                temp = swap;
            }

            for (int i = 0; i < n; i++)
            {
                values[i] = FromKey(keys[i]);
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(keysArray);
            ArrayPool<ulong>.Shared.Return(tempArray);
            ArrayPool<int>.Shared.Return(counts);
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
