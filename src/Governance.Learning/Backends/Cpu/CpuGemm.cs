using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Governance.Learning.Backends.Cpu;

/// <summary>
/// Packed, cache-blocked single-precision GEMM: C (+)= op(A) * op(B), row-major.
/// Blocks: KC deep, MC rows of A per work item; op(B) is packed whole. Work items split the
/// rows of C, so every element of C is summed by one thread in one fixed order: the result does not
/// depend on scheduling or on the thread count.
/// </summary>
internal static unsafe class CpuGemm
{
    private const int KC = 256;
    private const int MCMax = 128;

    [ThreadStatic] private static float* _packA;
    [ThreadStatic] private static float* _packB;
    [ThreadStatic] private static long _packBFloats;

    private static float* PackABuffer() => _packA != null ? _packA : _packA = (float*)NativeMemory.AlignedAlloc((nuint)(MCMax * KC * sizeof(float)), 64);

    /// <summary>This thread's buffer for all of packed op(B), grown on demand and kept for reuse.</summary>
    private static float* PackBBuffer(long floats)
    {
        if (floats <= _packBFloats) return _packB;
        if (_packB != null) NativeMemory.AlignedFree(_packB);
        _packB = (float*)NativeMemory.AlignedAlloc((nuint)(floats * sizeof(float)), 64);
        _packBFloats = floats;
        return _packB;
    }

    /// <summary>
    /// For each b in [0, batch): C_b (+)= op(A_b) (M x K) * op(B_b) (K x N), with A_b = a + b*strideA etc.
    /// </summary>
    public static void Batched(bool transA, bool transB, int batch, int m, int n, int k,
        float* a, int lda, long strideA, float* b, int ldb, long strideB, float* c, int ldc, long strideC,
        bool accumulate, int threads)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            if (!accumulate)
                for (var bi = 0; bi < batch; bi++)
                    for (var i = 0; i < m; i++) new Span<float>(c + bi * strideC + (long)i * ldc, n).Clear();
            return;
        }
        var flops = 2.0 * m * n * k * batch;
        if (threads <= 1 || flops < 2e6)
        {
            for (var bi = 0; bi < batch; bi++)
                Single(transA, transB, m, n, k, a + bi * strideA, lda, b + bi * strideB, ldb, c + bi * strideC, ldc, accumulate, 1);
            return;
        }
        if (batch >= threads * 2 || (batch >= threads && batch % threads == 0))
        {
            // Whole problems per thread: no sharing of packed blocks needed.
            var (pa, pb, pc) = ((nint)a, (nint)b, (nint)c);
            Parallel.For(0, batch, new ParallelOptions { MaxDegreeOfParallelism = threads }, bi =>
                Single(transA, transB, m, n, k, (float*)pa + bi * strideA, lda, (float*)pb + bi * strideB, ldb, (float*)pc + bi * strideC, ldc, accumulate, 1));
            return;
        }
        for (var bi = 0; bi < batch; bi++)
            Single(transA, transB, m, n, k, a + bi * strideA, lda, b + bi * strideB, ldb, c + bi * strideC, ldc, accumulate, threads);
    }

    /// <summary>
    /// One product. All of op(B) is packed first (K blocks x column panels), then each work item owns MC rows
    /// of C and runs the whole K loop on them, so its C rows stay in cache and threads meet only twice.
    /// </summary>
    private static void Single(bool transA, bool transB, int m, int n, int k, float* a, int lda, float* b, int ldb,
        float* c, int ldc, bool accumulate, int threads)
    {
        var mr = GemmKernels.MR;
        var nr = GemmKernels.NR;
        var panels = (n + nr - 1) / nr;
        var kBlocks = (k + KC - 1) / KC;
        long blockStride = (long)KC * panels * nr;
        var packB = PackBBuffer(blockStride * kBlocks);
        // Row blocks are whole micro-tiles (MR = 8 or 6), so packed A never exceeds MCMax rows.
        var mcMax = MCMax / mr * mr;
        var mc = mcMax;
        if (threads > 1)
        {
            // At least two row blocks per thread when rows allow, rounded to the micro-tile height.
            var perItem = (m + 2 * threads - 1) / (2 * threads);
            mc = Math.Clamp((perItem + mr - 1) / mr * mr, mr, mcMax);
        }
        var rowBlocks = (m + mc - 1) / mc;
        var parallel = threads > 1 && rowBlocks > 1;
        var (pa, pb, pc, pp) = ((nint)a, (nint)b, (nint)c, (nint)packB);
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        void Pack(int item)
        {
            var blk = item / panels;
            var q = item % panels;
            var k0 = blk * KC;
            GemmPacking.PackB(transB, (float*)pb, ldb, k0, 0, n, Math.Min(KC, k - k0), nr, (float*)pp + blk * blockStride, q, q + 1);
        }
        void Rows(int blk) => RowBlock(transA, (float*)pa, lda, blk * mc, Math.Min(mc, m - blk * mc), k, (float*)pp, blockStride, n,
            (float*)pc, ldc, accumulate);
        if (parallel)
        {
            Parallel.For(0, kBlocks * panels, options, Pack);
            Parallel.For(0, rowBlocks, options, Rows);
        }
        else
        {
            for (var item = 0; item < kBlocks * panels; item++) Pack(item);
            for (var blk = 0; blk < rowBlocks; blk++) Rows(blk);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowBlock(bool transA, float* a, int lda, int i0, int mc, int k, float* packB, long blockStride, int n,
        float* c, int ldc, bool accumulate)
    {
        var mr = GemmKernels.MR;
        var nr = GemmKernels.NR;
        // Packed A holds at most MCMax rows; a larger block would write past the buffer.
        if (mc > MCMax) throw new InvalidOperationException($"GEMM row block {mc} exceeds {MCMax}.");
        var packA = PackABuffer();
        var edge = stackalloc float[8 * 32];
        for (var k0 = 0; k0 < k; k0 += KC)
        {
            var kc = Math.Min(KC, k - k0);
            var overwrite = k0 == 0 && !accumulate;
            GemmPacking.PackA(transA, a, lda, i0, k0, mc, kc, mr, packA);
            var blockB = packB + k0 / KC * blockStride;
            for (var jp = 0; jp < n; jp += nr)
            {
                var cols = Math.Min(nr, n - jp);
                var bPanel = blockB + (long)jp * kc;
                for (var ip = 0; ip < mc; ip += mr)
                {
                    var rows = Math.Min(mr, mc - ip);
                    var aPanel = packA + (long)ip * kc;
                    var cTile = c + (long)(i0 + ip) * ldc + jp;
                    if (rows == mr && cols == nr)
                    {
                        GemmKernels.Tile(kc, aPanel, bPanel, cTile, ldc, overwrite);
                    }
                    else
                    {
                        GemmKernels.Tile(kc, aPanel, bPanel, edge, nr, overwrite: true);
                        for (var r = 0; r < rows; r++)
                        for (var q = 0; q < cols; q++)
                            cTile[(long)r * ldc + q] = overwrite ? edge[r * nr + q] : cTile[(long)r * ldc + q] + edge[r * nr + q];
                    }
                }
            }
        }
    }
}
