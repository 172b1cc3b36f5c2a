using System.Diagnostics;
using Governance.Learning.Backends;
using Governance.Learning.Backends.Cpu;

namespace Governance.Learning.Benchmarks;

/// <summary>Square fp32 GEMM throughput at 1 and all threads; also checks a few entries against a naive dot.</summary>
internal static class GemmBenchmark
{
    public static void Run(int[] sizes)
    {
        Console.WriteLine("| n | threads | GFLOP/s | max rel err |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var threads in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            var backend = new CpuBackend(threads);
            foreach (var n in sizes)
            {
                var rng = new Random(1);
                var a = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
                var b = Enumerable.Range(0, n * n).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
                var c = new float[n * n];
                for (var i = 0; i < 3; i++) backend.MatMul(false, false, 1, n, n, n, a, b, false, c, false);
                var best = double.MaxValue;
                var reps = Math.Max(5, (int)(2e10 / (2.0 * n * n * n)));
                for (var i = 0; i < reps; i++)
                {
                    var sw = Stopwatch.StartNew();
                    backend.MatMul(false, false, 1, n, n, n, a, b, false, c, false);
                    best = Math.Min(best, sw.Elapsed.TotalSeconds);
                }
                double maxErr = 0;
                for (var probe = 0; probe < 64; probe++)
                {
                    int i = rng.Next(n), j = rng.Next(n);
                    double s = 0;
                    for (var k = 0; k < n; k++) s += (double)a[i * n + k] * b[k * n + j];
                    maxErr = Math.Max(maxErr, Math.Abs(s - c[i * n + j]) / (Math.Abs(s) + 1e-3));
                }
                Console.WriteLine($"| {n} | {threads} | {2.0 * n * n * n / best / 1e9:F1} | {maxErr:E1} |");
            }
        }
    }
}
