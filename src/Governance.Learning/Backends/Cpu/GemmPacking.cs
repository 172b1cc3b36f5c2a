using System.Runtime.CompilerServices;

namespace Governance.Learning.Backends.Cpu;

/// <summary>Copies blocks of op(A) and op(B) into the panel layout the micro-kernels stream through.</summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs op(A)[i0..i0+mc, k0..k0+kc] into panels of <paramref name="mr"/> rows: panel p holds, for each k,
    /// the mr values of rows p*mr..p*mr+mr-1 (zero past the edge). op(A)[i,k] = transA ? A[k*lda+i] : A[i*lda+k].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* a, int lda, int i0, int k0, int mc, int kc, int mr, float* dst)
    {
        for (var ip = 0; ip < mc; ip += mr)
        {
            var rows = Math.Min(mr, mc - ip);
            var panel = dst + (long)ip * kc;
            if (transA)
            {
                for (var k = 0; k < kc; k++)
                {
                    var src = a + (long)(k0 + k) * lda + i0 + ip;
                    var d = panel + k * mr;
                    var r = 0;
                    for (; r < rows; r++) d[r] = src[r];
                    for (; r < mr; r++) d[r] = 0f;
                }
            }
            else
            {
                for (var r = 0; r < mr; r++)
                {
                    if (r < rows)
                    {
                        var src = a + (long)(i0 + ip + r) * lda + k0;
                        for (var k = 0; k < kc; k++) panel[k * mr + r] = src[k];
                    }
                    else
                    {
                        for (var k = 0; k < kc; k++) panel[k * mr + r] = 0f;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Packs op(B)[k0..k0+kc, j0..j0+nc] panel by panel: panel q holds, for each k, the nr values of columns
    /// q*nr..q*nr+nr-1 (zero past the edge). op(B)[k,j] = transB ? B[j*ldb+k] : B[k*ldb+j].
    /// Packs only panels [firstPanel, endPanel) so threads can share the work.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* b, int ldb, int k0, int j0, int nc, int kc, int nr, float* dst, int firstPanel, int endPanel)
    {
        for (var q = firstPanel; q < endPanel; q++)
        {
            var jp = q * nr;
            var cols = Math.Min(nr, nc - jp);
            var panel = dst + (long)jp * kc;
            if (!transB)
            {
                for (var k = 0; k < kc; k++)
                {
                    var src = b + (long)(k0 + k) * ldb + j0 + jp;
                    var d = panel + k * nr;
                    if (cols == nr)
                    {
                        new ReadOnlySpan<float>(src, nr).CopyTo(new Span<float>(d, nr));
                    }
                    else
                    {
                        var c = 0;
                        for (; c < cols; c++) d[c] = src[c];
                        for (; c < nr; c++) d[c] = 0f;
                    }
                }
            }
            else
            {
                for (var c = 0; c < nr; c++)
                {
                    if (c < cols)
                    {
                        var src = b + (long)(j0 + jp + c) * ldb + k0;
                        for (var k = 0; k < kc; k++) panel[k * nr + c] = src[k];
                    }
                    else
                    {
                        for (var k = 0; k < kc; k++) panel[k * nr + c] = 0f;
                    }
                }
            }
        }
    }
}
