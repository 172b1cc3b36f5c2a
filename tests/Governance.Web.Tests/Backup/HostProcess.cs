using System.Diagnostics;

namespace Governance.Web.Tests.Backup;

/// <summary>Runs the built host (Governance.Web.dll beside the tests) as a process, SQLite in <c>dataDirectory</c>, extra settings as environment variables.</summary>
public static class HostProcess
{
    public static async Task<(int Exit, string Output)> RunAsync(string dataDirectory, params string[] args) =>
        await RunAsync(dataDirectory, new Dictionary<string, string>(), args);

    public static async Task<(int Exit, string Output)> RunAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Governance.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Governance"] = $"Data Source={Path.Combine(dataDirectory, "governance.db")}";
        start.Environment["Artifacts__Root"] = Path.Combine(dataDirectory, "artifacts");
        start.Environment["Governance__DataProtection__KeysPath"] = Path.Combine(dataDirectory, "keys");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
