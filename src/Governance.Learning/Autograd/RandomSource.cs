using System.Numerics;

namespace Governance.Learning.Autograd;

/// <summary>
/// Small deterministic generator (xoshiro128**) whose whole state can be saved in a checkpoint and
/// restored, so dropout masks and shuffles repeat exactly on resume.
/// </summary>
public sealed class RandomSource
{
    private uint _s0, _s1, _s2, _s3;

    /// <summary>Seeds the state with SplitMix64 from <paramref name="seed"/>.</summary>
    public RandomSource(ulong seed)
    {
        var z = seed;
        _s0 = (uint)Next64(ref z); _s1 = (uint)Next64(ref z); _s2 = (uint)Next64(ref z); _s3 = (uint)Next64(ref z);
        if ((_s0 | _s1 | _s2 | _s3) == 0) _s0 = 1;
    }

    private static ulong Next64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The four state words.</summary>
    public uint[] State
    {
        get => [_s0, _s1, _s2, _s3];
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value.Length != 4) throw new ArgumentException("RandomSource state has four words.", nameof(value));
            (_s0, _s1, _s2, _s3) = (value[0], value[1], value[2], value[3]);
        }
    }

    /// <summary>Next 32 random bits.</summary>
    public uint NextUInt()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 9;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 11);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 24 bits.</summary>
    public float NextFloat() => (NextUInt() >> 8) * (1f / 16777216f);

    /// <summary>Uniform integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive) => (int)((ulong)NextUInt() * (ulong)maxExclusive >> 32);

    /// <summary>Standard normal (Box-Muller).</summary>
    public float NextNormal()
    {
        var u1 = (NextUInt() + 1.0) / 4294967297.0;
        var u2 = NextUInt() / 4294967296.0;
        return (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
