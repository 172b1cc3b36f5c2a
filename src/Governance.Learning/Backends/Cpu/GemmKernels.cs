using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Governance.Learning.Backends.Cpu;

/// <summary>
/// Register-blocked micro-kernels: C[MR x NR] (+)= Apanel (kc x MR) * Bpanel (kc x NR).
/// The AVX-512 kernel is 8 x 32 (16 accumulators), the AVX2/FMA kernel 6 x 16 (12 accumulators).
/// </summary>
internal static unsafe class GemmKernels
{
    public static readonly bool UseAvx512 = Avx512F.IsSupported && Vector512.IsHardwareAccelerated;
    public static readonly bool UseFma256 = Fma.IsSupported && Avx2.IsSupported;

    public static int MR => UseAvx512 ? 8 : 6;
    public static int NR => UseAvx512 ? 32 : 16;

    /// <summary>Full tile; <paramref name="overwrite"/> stores instead of adding to C.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel8x32(int kc, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (var k = 0; k < kc; k++)
        {
            var b0 = Vector512.Load(b);
            var b1 = Vector512.Load(b + 16);
            var a0 = Vector512.Create(a[0]);
            c00 = Avx512F.FusedMultiplyAdd(a0, b0, c00); c01 = Avx512F.FusedMultiplyAdd(a0, b1, c01);
            var a1 = Vector512.Create(a[1]);
            c10 = Avx512F.FusedMultiplyAdd(a1, b0, c10); c11 = Avx512F.FusedMultiplyAdd(a1, b1, c11);
            var a2 = Vector512.Create(a[2]);
            c20 = Avx512F.FusedMultiplyAdd(a2, b0, c20); c21 = Avx512F.FusedMultiplyAdd(a2, b1, c21);
            var a3 = Vector512.Create(a[3]);
            c30 = Avx512F.FusedMultiplyAdd(a3, b0, c30); c31 = Avx512F.FusedMultiplyAdd(a3, b1, c31);
            var a4 = Vector512.Create(a[4]);
            c40 = Avx512F.FusedMultiplyAdd(a4, b0, c40); c41 = Avx512F.FusedMultiplyAdd(a4, b1, c41);
            var a5 = Vector512.Create(a[5]);
            c50 = Avx512F.FusedMultiplyAdd(a5, b0, c50); c51 = Avx512F.FusedMultiplyAdd(a5, b1, c51);
            var a6 = Vector512.Create(a[6]);
            c60 = Avx512F.FusedMultiplyAdd(a6, b0, c60); c61 = Avx512F.FusedMultiplyAdd(a6, b1, c61);
            var a7 = Vector512.Create(a[7]);
            c70 = Avx512F.FusedMultiplyAdd(a7, b0, c70); c71 = Avx512F.FusedMultiplyAdd(a7, b1, c71);
            a += 8;
            b += 32;
        }
        Store512(c, overwrite, c00, c01); c += ldc;
        Store512(c, overwrite, c10, c11); c += ldc;
        Store512(c, overwrite, c20, c21); c += ldc;
        Store512(c, overwrite, c30, c31); c += ldc;
        Store512(c, overwrite, c40, c41); c += ldc;
        Store512(c, overwrite, c50, c51); c += ldc;
        Store512(c, overwrite, c60, c61); c += ldc;
        Store512(c, overwrite, c70, c71);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store512(float* c, bool overwrite, Vector512<float> v0, Vector512<float> v1)
    {
        if (!overwrite)
        {
            v0 += Vector512.Load(c);
            v1 += Vector512.Load(c + 16);
        }
        v0.Store(c);
        v1.Store(c + 16);
    }

    /// <summary>AVX2/FMA full tile 6 x 16.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel6x16(int kc, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (var k = 0; k < kc; k++)
        {
            var b0 = Vector256.Load(b);
            var b1 = Vector256.Load(b + 8);
            var a0 = Vector256.Create(a[0]);
            c00 = Fma.MultiplyAdd(a0, b0, c00); c01 = Fma.MultiplyAdd(a0, b1, c01);
            var a1 = Vector256.Create(a[1]);
            c10 = Fma.MultiplyAdd(a1, b0, c10); c11 = Fma.MultiplyAdd(a1, b1, c11);
            var a2 = Vector256.Create(a[2]);
            c20 = Fma.MultiplyAdd(a2, b0, c20); c21 = Fma.MultiplyAdd(a2, b1, c21);
            var a3 = Vector256.Create(a[3]);
            c30 = Fma.MultiplyAdd(a3, b0, c30); c31 = Fma.MultiplyAdd(a3, b1, c31);
            var a4 = Vector256.Create(a[4]);
            c40 = Fma.MultiplyAdd(a4, b0, c40); c41 = Fma.MultiplyAdd(a4, b1, c41);
            var a5 = Vector256.Create(a[5]);
            c50 = Fma.MultiplyAdd(a5, b0, c50); c51 = Fma.MultiplyAdd(a5, b1, c51);
            a += 6;
            b += 16;
        }
        Store256(c, overwrite, c00, c01); c += ldc;
        Store256(c, overwrite, c10, c11); c += ldc;
        Store256(c, overwrite, c20, c21); c += ldc;
        Store256(c, overwrite, c30, c31); c += ldc;
        Store256(c, overwrite, c40, c41); c += ldc;
        Store256(c, overwrite, c50, c51);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store256(float* c, bool overwrite, Vector256<float> v0, Vector256<float> v1)
    {
        if (!overwrite)
        {
            v0 += Vector256.Load(c);
            v1 += Vector256.Load(c + 8);
        }
        v0.Store(c);
        v1.Store(c + 8);
    }

    /// <summary>Portable tile for machines without FMA: same packed layout, scalar arithmetic.</summary>
    public static void KernelScalar(int kc, int mr, int nr, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        for (var i = 0; i < mr; i++)
        {
            for (var j = 0; j < nr; j++)
            {
                var sum = 0f;
                for (var k = 0; k < kc; k++) sum += a[k * mr + i] * b[k * nr + j];
                c[i * ldc + j] = overwrite ? sum : c[i * ldc + j] + sum;
            }
        }
    }

    /// <summary>Runs the tile kernel for this machine on a full MR x NR tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Tile(int kc, float* a, float* b, float* c, int ldc, bool overwrite)
    {
        if (UseAvx512) Kernel8x32(kc, a, b, c, ldc, overwrite);
        else if (UseFma256) Kernel6x16(kc, a, b, c, ldc, overwrite);
        else KernelScalar(kc, MR, NR, a, b, c, ldc, overwrite);
    }
}
