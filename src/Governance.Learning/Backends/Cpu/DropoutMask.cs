using System.Runtime.Intrinsics;

namespace Governance.Learning.Backends.Cpu;

/// <summary>
/// Counter-based dropout masks: element i is dropped when fmix32(fmix32(i * golden ^ seed0) ^ seed1) / 2^32 &lt; p
/// (MurmurHash3's finaliser). The value depends only on (seed, i), so any split over threads or vector lanes
/// gives the same mask.
/// </summary>
internal static class DropoutMask
{
    private const uint Golden = 0x9E3779B9u;

    private static uint Mix(uint h)
    {
        h ^= h >> 16; h *= 0x85EBCA6Bu;
        h ^= h >> 13; h *= 0xC2B2AE35u;
        return h ^ (h >> 16);
    }

    private static Vector256<uint> Mix(Vector256<uint> h)
    {
        h ^= Vector256.ShiftRightLogical(h, 16); h *= Vector256.Create(0x85EBCA6Bu);
        h ^= Vector256.ShiftRightLogical(h, 13); h *= Vector256.Create(0xC2B2AE35u);
        return h ^ Vector256.ShiftRightLogical(h, 16);
    }

    /// <summary>Fills mask[start..end) with 0 (dropped) or <paramref name="keep"/> = 1/(1-p).</summary>
    public static void Fill(Span<float> mask, int start, uint seed0, uint seed1, float p, float keep)
    {
        // Compare the top 24 bits with p * 2^24: exact for any float p.
        var threshold = (uint)(p * 16777216f);
        var i = 0;
        var lanes = Vector256.Create(0u, 1, 2, 3, 4, 5, 6, 7);
        var keepV = Vector256.Create(keep);
        for (; i <= mask.Length - 8; i += 8)
        {
            var index = Vector256.Create((uint)(start + i)) + lanes;
            var h = Mix(Mix(index * Vector256.Create(Golden) ^ Vector256.Create(seed0)) ^ Vector256.Create(seed1));
            var dropped = Vector256.LessThan(Vector256.ShiftRightLogical(h, 8), Vector256.Create(threshold));
            Vector256.AndNot(keepV, dropped.AsSingle()).CopyTo(mask.Slice(i, 8));
        }
        for (; i < mask.Length; i++)
        {
            var h = Mix(Mix((uint)(start + i) * Golden ^ seed0) ^ seed1);
            mask[i] = (h >> 8) < threshold ? 0f : keep;
        }
    }
}
