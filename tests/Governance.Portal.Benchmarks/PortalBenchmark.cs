using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Governance.TestSupport;
using Governance.TestSupport.Scale;

namespace Governance.Portal.Benchmarks;

// Portal latency at scale: PostgreSQL (throwaway Debian server) seeded with 200 models x 50 versions
// and 1M chained audit events, the real host on Kestrel at 127.0.0.1, a signed-in admin's cookie,
// 64 closed-loop clients per page, driven by wrk when /usr/bin/wrk exists (else HttpClient).
// Usage: [seconds per page, default 20] [clients, default 64] [wrk|http|hold (serve for `seconds`, print the cookie)]
internal static class PortalBenchmark
{
    public static async Task Main(string[] args)
    {
        var seconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20;
        var clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 64;
        var useWrk = args.Length > 2 ? args[2] == "wrk" : WrkRun.Executable is not null;
        Console.WriteLine($"Generator: {(useWrk ? "wrk (separate process)" : "HttpClient (in process)")}, {clients} clients, {seconds} s per page, {Environment.ProcessorCount} cores");

        await using var server = await PostgresServer.StartAsync();
        var connection = await server.CreateDatabaseAsync();
        await using var host = new PortalHost(connection);
        host.Start();
        var clock = Stopwatch.StartNew();
        var seed = await ScaleSeeder.SeedPostgresAsync(connection);
        Console.WriteLine($"Seeded {seed.Models} models, {seed.Versions} versions in {seed.Registry.TotalSeconds:F1} s; {seed.AuditEvents:N0} audit events in {seed.Audit.TotalSeconds:F1} s (with ANALYZE; total {clock.Elapsed.TotalSeconds:F1} s)");

        await QueryPlans.PrintAsync(connection, ScaleData.ModelName(12));

        var cookies = new CookieContainer();
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        var form = await client.GetStringAsync("account/sign-in");
        var token = WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);
        using var signIn = await client.PostAsync("account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in", ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "admin", ["Input.Password"] = PortalHost.AdminPassword, ["Input.ReturnUrl"] = "",
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)signIn.StatusCode}.");
        }

        var model = ScaleData.ModelName(12);
        (string Page, string Path)[] pages =
        [
            ("Overview: home", ""),
            ("Overview: models list (200 models, production version each)", "models"),
            ($"Model detail, 50 versions", $"models/{model}"),
            ("Version comparison: candidate v50 vs production (lineage, gates; no evaluation records seeded)", $"models/{model}/versions/50/compare"),
            ("Audit: newest page", "audit"),
            ("Audit: actor filter, deep cursor", "audit?actor=user:alice&before=500000"),
            ("Audit: model + versions timeline (prefix)", $"audit?subject=model,model-version&prefix={model}"),
            ("Floor: API tokens page (one small query)", "account/tokens"),
        ];
        var cookie = cookies.GetCookieHeader(host.BaseAddress);
        if (args.Length > 2 && args[2] == "hold")
        {
            // For profiling: keep the seeded portal up and let an outside wrk + dotnet-trace drive it.
            Console.WriteLine($"HOLD pid {Environment.ProcessId} url {host.BaseAddress} cookie {cookie}");
            await Task.Delay(TimeSpan.FromSeconds(seconds));
            return;
        }
        var results = new List<LoadResult>();
        foreach (var (page, path) in pages)
        {
            var r = useWrk
                ? await WrkRun.RunAsync(host.BaseAddress, cookie, page, path, clients, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(seconds))
                : await LoadRun.RunAsync(client, page, path, clients, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(seconds));
            results.Add(r);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Page,-62} p50 {r.P50,7:F1}  p95 {r.P95,7:F1}  p99 {r.P99,7:F1}  max {r.Max,7:F1} ms  {r.Rps,7:F0} req/s  app CPU {r.AppCpuMsPerRequest,5:F2} ms/req  errors {r.Errors}"));
        }

        var table = new StringBuilder();
        table.AppendLine("| page | path | clients | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | app CPU ms/req | errors |");
        table.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            table.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Page} | `/{r.Path}` | {r.Clients} | {r.Requests} | {r.Rps:F0} | {r.P50:F1} | {r.P95:F1} | {r.P99:F1} | {r.Max:F1} | {r.AppCpuMsPerRequest:F2} | {r.Errors} |"));
        }
        Console.WriteLine();
        Console.WriteLine(table);
    }
}
