using System.Diagnostics;
using System.Net.Http.Json;

namespace Governance.Serving.Benchmarks;

/// <summary>Latency percentiles (ms) and throughput of one closed-loop run.</summary>
internal sealed record LoadResult(string Name, int Clients, int Requests, int Errors, double Seconds, double P50, double P95, double P99, double Max, double CpuMsPerRequest)
{
    public double Rps => Requests / Seconds;
}

/// <summary>
/// <c>clients</c> loops, each POSTing the next short text as soon as the previous answer arrived (closed loop),
/// for a fixed duration after a warm-up; every latency is kept.
/// </summary>
internal static class PredictLoad
{
    public static async Task<LoadResult> RunAsync(HttpClient client, string name, string path, IReadOnlyList<string> texts, int clients, TimeSpan warmUp, TimeSpan duration)
    {
        await LoopAsync(client, path, texts, clients, warmUp, null);
        var latencies = new List<double>[clients];
        for (var i = 0; i < clients; i++)
        {
            latencies[i] = new List<double>(8192);
        }
        // Process CPU time per request (server and client of this process; not PostgreSQL) does not depend on
        // how much of the machine other processes take, unlike the latencies.
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var errors = await LoopAsync(client, path, texts, clients, duration, latencies);
        var seconds = clock.Elapsed.TotalSeconds;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all.Length == 0 ? double.NaN : all[Math.Min(all.Length - 1, (int)Math.Ceiling(q * all.Length) - 1)];
        return new LoadResult(name, clients, all.Length, errors, seconds, P(0.50), P(0.95), P(0.99), all.Length == 0 ? double.NaN : all[^1], cpuMs / Math.Max(1, all.Length));
    }

    private static async Task<int> LoopAsync(HttpClient client, string path, IReadOnlyList<string> texts, int clients, TimeSpan duration, List<double>[]? latencies)
    {
        var errors = 0;
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            var next = c;
            while (Stopwatch.GetTimestamp() < end)
            {
                var text = texts[next++ % texts.Count];
                var start = Stopwatch.GetTimestamp();
                using var response = await client.PostAsJsonAsync(path, new { text });
                await response.Content.ReadAsByteArrayAsync();
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
