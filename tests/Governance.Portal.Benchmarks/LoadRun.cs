using System.Diagnostics;

namespace Governance.Portal.Benchmarks;

/// <summary>Latency percentiles of one page under a closed-loop load.</summary>
internal sealed record LoadResult(string Page, string Path, int Clients, int Requests, int Errors, double Seconds, double P50, double P95, double P99, double Max)
{
    public double Rps => Requests / Seconds;

    /// <summary>CPU time of the benchmark process per request (server only under wrk; server + generator under HttpClient).</summary>
    public double AppCpuMsPerRequest { get; init; } = double.NaN;
}

/// <summary>
/// <c>clients</c> loops, each sending the next GET as soon as the previous answered, for a fixed
/// duration after a warm-up; every latency is kept (a few hundred thousand doubles at most).
/// </summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(HttpClient client, string page, string path, int clients, TimeSpan warmUp, TimeSpan duration)
    {
        await LoopAsync(client, path, clients, warmUp, null);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var latencies = new List<double>[clients];
        for (var i = 0; i < clients; i++)
        {
            latencies[i] = new List<double>(4096);
        }
        var errors = await LoopAsync(client, path, clients, duration, latencies);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new LoadResult(page, path, clients, all.Length, errors, duration.TotalSeconds, P(0.50), P(0.95), P(0.99), all.Length == 0 ? double.NaN : all[^1])
        {
            AppCpuMsPerRequest = all.Length == 0 ? double.NaN : cpu.TotalMilliseconds / all.Length,
        };
    }

    private static async Task<int> LoopAsync(HttpClient client, string path, int clients, TimeSpan duration, List<double>[]? latencies)
    {
        var errors = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var buffer = new byte[64 * 1024];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var local = new byte[buffer.Length];
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
                await using (var body = await response.Content.ReadAsStreamAsync())
                {
                    while (await body.ReadAsync(local) > 0)
                    {
                    }
                }
                var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref errors);
                }
                latencies?[c].Add(ms);
            }
        }));
        return errors;
    }
}
