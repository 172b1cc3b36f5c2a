using System.Diagnostics;
using Governance.Web.Tests.Infrastructure;

namespace Governance.Web.Tests.Backup;

/// <summary>The commands as an operator runs them: <c>dotnet Governance.Web.dll backup --Backup:To=DIR</c>, configuration by environment.</summary>
public sealed class BackupCommandLineTests
{
    [Fact]
    public async Task Backup_and_restore_run_as_process_commands_configured_by_environment_variables()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        using var backups = new TempDirectory();
        await using (var app = new GovernanceApp(GovernanceApp.SqliteSettings(source.Path)))
        {
            await BackupScenario.SeedAsync(app);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (backupExit, backupOutput) = await RunAsync(source.Path, "backup", $"--Backup:To={backups.Path}");
        Assert.True(backupExit == 0, backupOutput);
        Assert.Contains("2 artifact(s)", backupOutput, StringComparison.Ordinal);
        var folder = Assert.Single(Directory.GetDirectories(backups.Path));

        var (restoreExit, restoreOutput) = await RunAsync(target.Path, "restore", $"--Backup:From={folder}");
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.Contains("Audit chain intact", restoreOutput, StringComparison.Ordinal);
        Assert.Contains("Artifacts intact", restoreOutput, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(string dataDirectory, params string[] args)
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
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
