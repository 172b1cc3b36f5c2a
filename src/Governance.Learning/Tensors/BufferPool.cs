using System.Collections.Concurrent;

namespace Governance.Learning.Tensors;

/// <summary>
/// Pool of float arrays keyed by exact length. A training loop asks for the same sizes every step,
/// so after the first step every buffer comes from the pool and memory stays flat.
/// </summary>
public static class BufferPool
{
    private static readonly ConcurrentDictionary<int, ConcurrentBag<float[]>> Buckets = new();
    private static long _pooledFloats;

    /// <summary>
    /// Most floats kept idle (default 384M = 1.5 GiB); arrays returned beyond it go to the garbage collector,
    /// so many distinct tensor sizes (e.g. varying sequence lengths) cannot grow the pool without bound.
    /// </summary>
    public static long MaxPooledFloats { get; set; } = 384L * 1024 * 1024;

    /// <summary>Floats currently held idle in the pool (for diagnostics and tests).</summary>
    public static long PooledFloats => Interlocked.Read(ref _pooledFloats);

    /// <summary>Rents an array of exactly <paramref name="length"/> floats; contents are zero when <paramref name="clear"/>.</summary>
    public static float[] Rent(int length, bool clear)
    {
        if (length == 0) return [];
        if (Buckets.TryGetValue(length, out var bag) && bag.TryTake(out var array))
        {
            Interlocked.Add(ref _pooledFloats, -length);
            if (clear) Array.Clear(array);
            return array;
        }
        return GC.AllocateUninitializedArray<float>(length, pinned: false) is var fresh && clear ? Cleared(fresh) : fresh;
    }

    /// <summary>Returns an array to the pool; the caller must not use it afterwards.</summary>
    public static void Return(float[] array)
    {
        if (array.Length == 0 || PooledFloats + array.Length > MaxPooledFloats) return;
        Buckets.GetOrAdd(array.Length, _ => new ConcurrentBag<float[]>()).Add(array);
        Interlocked.Add(ref _pooledFloats, array.Length);
    }

    /// <summary>Drops every idle buffer so the garbage collector can reclaim it.</summary>
    public static void Trim()
    {
        Buckets.Clear();
        Interlocked.Exchange(ref _pooledFloats, 0);
    }

    private static float[] Cleared(float[] array)
    {
        Array.Clear(array);
        return array;
    }
}
