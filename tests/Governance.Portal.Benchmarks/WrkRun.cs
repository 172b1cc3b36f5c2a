using System.Diagnostics;
using System.Globalization;

namespace Governance.Portal.Benchmarks;

/// <summary>
/// The same closed-loop measurement driven by Debian's <c>wrk</c> (C, two threads) instead of the
/// in-process HttpClient, so the generator takes far less of the two cores. Percentiles come from
/// wrk's own histogram through a small Lua <c>done</c> hook; the app's CPU time per request is
/// measured on this process (server only, since wrk runs outside it).
/// </summary>
internal static class WrkRun
{
    private const string Script = """
        done = function(summary, latency, requests)
          local e = summary.errors
          io.write(string.format("WRK %d %d %d %.3f %.3f %.3f %.3f\n", summary.requests,
            e.connect + e.read + e.write + e.status + e.timeout, summary.duration,
            latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
        end
        """;

    public static string? Executable => File.Exists("/usr/bin/wrk") ? "/usr/bin/wrk" : null;

    public static async Task<LoadResult> RunAsync(Uri baseAddress, string cookie, string page, string path, int clients, TimeSpan warmUp, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"governance-wrk-{Environment.ProcessId}.lua");
        await File.WriteAllTextAsync(script, Script);
        try
        {
            var url = new Uri(baseAddress, path).ToString();
            await RunWrkAsync(url, cookie, clients, warmUp, script);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await RunWrkAsync(url, cookie, clients, duration, script);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var parts = result.Split(' ');
            double D(int i) => double.Parse(parts[i], CultureInfo.InvariantCulture);
            var requests = int.Parse(parts[1], CultureInfo.InvariantCulture);
            return new LoadResult(page, path, clients, requests, int.Parse(parts[2], CultureInfo.InvariantCulture), D(3) / 1e6,
                D(4), D(5), D(6), D(7)) { AppCpuMsPerRequest = requests == 0 ? double.NaN : cpu.TotalMilliseconds / requests };
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static async Task<string> RunWrkAsync(string url, string cookie, int clients, TimeSpan duration, string script)
    {
        var info = new ProcessStartInfo(Executable!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", clients > 1 ? "2" : "1", "-c", clients.ToString(CultureInfo.InvariantCulture),
                     "-d", $"{Math.Max(1, (int)duration.TotalSeconds)}s", "--timeout", "30s", "-s", script, "-H", $"Cookie: {cookie}", url })
        {
            info.ArgumentList.Add(arg);
        }
        using var wrk = Process.Start(info)!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        var errors = await wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK ", StringComparison.Ordinal));
        return wrk.ExitCode == 0 && line is not null ? line.Trim()
            : throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {errors}{output}");
    }
}
