using System.Runtime.InteropServices;

namespace Governance.Learning.Backends.Cpu;

/// <summary>
/// Packed, cache-blocked single-precision GEMM: C (+)= op(A) * op(B), row-major.
/// Blocks: KC deep, MC rows of A per work item, NC columns of B per packed block. Work items split the
/// rows of C, so every element of C is summed by one thread in one fixed order: the result does not
/// depend on scheduling or on the thread count.
/// </summary>
internal static unsafe class CpuGemm
{
    private const int KC = 256;
    private const int MCMax = 128;
    private const int NC = 2048;

    [ThreadStatic] private static float* _packA;
    [ThreadStatic] private static float* _packB;

    private static float* PackABuffer() => _packA != null ? _packA : _packA = (float*)NativeMemory.AlignedAlloc((nuint)(MCMax * KC * sizeof(float)), 64);

    private static float* PackBBuffer() => _packB != null ? _packB : _packB = (float*)NativeMemory.AlignedAlloc((nuint)((NC + 32) * KC * sizeof(float)), 64);

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

    private static void Single(bool transA, bool transB, int m, int n, int k, float* a, int lda, float* b, int ldb,
        float* c, int ldc, bool accumulate, int threads)
    {
        var mr = GemmKernels.MR;
        var nr = GemmKernels.NR;
        var mc = MCMax;
        if (threads > 1)
        {
            // Enough row blocks for every thread; rounded to the micro-tile height.
            var perThread = (m + threads - 1) / threads;
            mc = Math.Clamp((perThread + mr - 1) / mr * mr, mr, MCMax);
        }
        var rowBlocks = (m + mc - 1) / mc;
        var packB = PackBBuffer();
        for (var j0 = 0; j0 < n; j0 += NC)
        {
            var nc = Math.Min(NC, n - j0);
            var panels = (nc + nr - 1) / nr;
            for (var k0 = 0; k0 < k; k0 += KC)
            {
                var kc = Math.Min(KC, k - k0);
                var overwrite = k0 == 0 && !accumulate;
                if (threads > 1 && rowBlocks > 1)
                {
                    var (pa, pb, pcc, ppack) = ((nint)a, (nint)b, (nint)c, (nint)packB);
                    var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
                    var chunk = (panels + threads - 1) / threads;
                    Parallel.For(0, threads, options, t =>
                        GemmPacking.PackB(transB, (float*)pb, ldb, k0, j0, nc, kc, nr, (float*)ppack, Math.Min(panels, t * chunk), Math.Min(panels, (t + 1) * chunk)));
                    Parallel.For(0, rowBlocks, options, blk =>
                        RowBlock(transA, (float*)pa, lda, blk * mc, Math.Min(mc, m - blk * mc), k0, kc, (float*)ppack, nc, j0, (float*)pcc, ldc, overwrite));
                }
                else
                {
                    GemmPacking.PackB(transB, b, ldb, k0, j0, nc, kc, nr, packB, 0, panels);
                    for (var blk = 0; blk < rowBlocks; blk++)
                        RowBlock(transA, a, lda, blk * mc, Math.Min(mc, m - blk * mc), k0, kc, packB, nc, j0, c, ldc, overwrite);
                }
            }
        }
    }

    private static void RowBlock(bool transA, float* a, int lda, int i0, int mc, int k0, int kc, float* packB, int nc, int j0,
        float* c, int ldc, bool overwrite)
    {
        var mr = GemmKernels.MR;
        var nr = GemmKernels.NR;
        var packA = PackABuffer();
        GemmPacking.PackA(transA, a, lda, i0, k0, mc, kc, mr, packA);
        var edge = stackalloc float[8 * 32];
        for (var jp = 0; jp < nc; jp += nr)
        {
            var cols = Math.Min(nr, nc - jp);
            var bPanel = packB + (long)jp * kc;
            for (var ip = 0; ip < mc; ip += mr)
            {
                var rows = Math.Min(mr, mc - ip);
                var aPanel = packA + (long)ip * kc;
                var cTile = c + (long)(i0 + ip) * ldc + j0 + jp;
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
