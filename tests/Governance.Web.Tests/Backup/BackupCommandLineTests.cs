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

        var (backupExit, backupOutput) = await HostProcess.RunAsync(source.Path, "backup", $"--Backup:To={backups.Path}");
        Assert.True(backupExit == 0, backupOutput);
        Assert.Contains("2 artifact(s)", backupOutput, StringComparison.Ordinal);
        var folder = Assert.Single(Directory.GetDirectories(backups.Path));

        var (restoreExit, restoreOutput) = await HostProcess.RunAsync(target.Path, "restore", $"--Backup:From={folder}");
        Assert.True(restoreExit == 0, restoreOutput);
        Assert.Contains("Audit chain intact", restoreOutput, StringComparison.Ordinal);
        Assert.Contains("Artifacts intact", restoreOutput, StringComparison.Ordinal);
    }
}
