using Governance.Data;
using Governance.Data.Artifacts;
using Governance.Data.Backup;
using Governance.TestSupport;
using Governance.Web.Hosting;
using Governance.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Web.Tests.Backup;

/// <summary>
/// backup / restore for real on SQLite and on PostgreSQL (pg_dump / pg_restore from Debian): data made
/// through the API, backed up while the app runs, restored into a fresh database and artifact root,
/// audit chain and artifact hashes verified.
/// </summary>
public sealed class BackupRestoreTests
{
    [Fact]
    public async Task Sqlite_backup_restores_into_a_fresh_database_with_chain_and_artifacts_intact()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        using var backups = new TempDirectory();
        var sourceSettings = GovernanceApp.SqliteSettings(source.Path);
        var targetSettings = GovernanceApp.SqliteSettings(target.Path);
        await RoundTripAsync(sourceSettings, targetSettings, source.Path, target.Path, backups.Path, "database.sqlite");
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Postgres_backup_restores_into_a_fresh_database_with_chain_and_artifacts_intact()
    {
        await using var server = await PostgresServer.StartAsync();
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        using var backups = new TempDirectory();
        var sourceSettings = GovernanceApp.SqliteSettings(source.Path);
        sourceSettings["Database:Provider"] = "Postgres";
        sourceSettings["ConnectionStrings:Governance"] = await server.CreateDatabaseAsync();
        var targetSettings = GovernanceApp.SqliteSettings(target.Path);
        targetSettings["Database:Provider"] = "Postgres";
        targetSettings["ConnectionStrings:Governance"] = await server.CreateDatabaseAsync();
        await RoundTripAsync(sourceSettings, targetSettings, source.Path, target.Path, backups.Path, "database.dump");
    }

    private static async Task RoundTripAsync(
        Dictionary<string, string?> sourceSettings, Dictionary<string, string?> targetSettings,
        string sourceRoot, string targetRoot, string backupsRoot, string databaseFile)
    {
        BackupScenario.Seeded seeded;
        string folder;
        await using (var app = new GovernanceApp(sourceSettings))
        {
            seeded = await BackupScenario.SeedAsync(app);
            // Online: the app keeps running while the backup is taken.
            sourceSettings["Backup:To"] = backupsRoot;
            var (exit, output) = await BackupScenario.RunAsync(sourceSettings, sourceRoot, BackupCommands.Backup);
            Assert.True(exit == 0, output);
            folder = Assert.Single(Directory.GetDirectories(backupsRoot));
            Assert.Matches(@"governance-backup-\d{8}T\d{6}Z$", folder);
        }

        var manifest = await GovernanceBackup.ReadAndCheckAsync(folder);
        Assert.Equal(databaseFile, manifest.Database.Path);
        Assert.Equal(seeded.AuditEvents, manifest.AuditEvents);
        Assert.Contains(manifest.Artifacts, a => a.Sha256 == seeded.WeightsHash && a.Bytes == seeded.Weights.Length);
        Assert.Contains(manifest.Artifacts, a => a.Sha256 == seeded.CsvHash);

        targetSettings["Backup:From"] = folder;
        var (restoreExit, restoreOutput) = await BackupScenario.RunAsync(targetSettings, targetRoot, BackupCommands.Restore);
        Assert.True(restoreExit == HostCommands.ExitIntact, restoreOutput);
        Assert.Contains("Audit chain intact", restoreOutput, StringComparison.Ordinal);
        Assert.Contains("Artifacts intact: 2 file(s) re-hashed, 2 reference(s) present", restoreOutput, StringComparison.Ordinal);

        // The restored registry is the same: audit chain (and its head), versions, artifact bytes.
        var (verifyExit, verifyOutput) = await BackupScenario.RunAsync(targetSettings, targetRoot, HostCommands.VerifyAudit);
        Assert.True(verifyExit == HostCommands.ExitIntact, verifyOutput);
        Assert.Contains($"{seeded.AuditEvents} event(s) verified; head hash {manifest.AuditHeadHash}", verifyOutput, StringComparison.Ordinal);
        await using var services = BackupScenario.CommandServices(targetSettings, targetRoot);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovernanceDbContext>();
        var version = await db.ModelVersions.SingleAsync();
        Assert.Equal(seeded.WeightsHash, version.ArtifactHash);
        var store = services.GetRequiredService<ArtifactStore>();
        Assert.StartsWith(Path.GetFullPath(targetRoot), store.Root, StringComparison.Ordinal);
        await using (var stream = store.OpenRead(seeded.WeightsHash))
        {
            var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            Assert.Equal(seeded.Weights, bytes.ToArray());
        }
        Assert.Equal(seeded.CsvHash, (await db.DatasetVersions.SingleAsync()).ContentHash);
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_before_anything_is_restored()
    {
        using var source = new TempDirectory();
        using var target = new TempDirectory();
        using var backups = new TempDirectory();
        var sourceSettings = GovernanceApp.SqliteSettings(source.Path);
        await using (var app = new GovernanceApp(sourceSettings))
        {
            await BackupScenario.SeedAsync(app);
        }
        sourceSettings["Backup:To"] = backups.Path;
        Assert.Equal(0, (await BackupScenario.RunAsync(sourceSettings, source.Path, BackupCommands.Backup)).Exit);
        var folder = Assert.Single(Directory.GetDirectories(backups.Path));
        var artifact = Directory.GetFiles(Path.Combine(folder, "artifacts"), "*", SearchOption.AllDirectories)[0];
        var bytes = await File.ReadAllBytesAsync(artifact);
        bytes[0] ^= 0xFF;
        await File.WriteAllBytesAsync(artifact, bytes);

        var targetSettings = GovernanceApp.SqliteSettings(target.Path);
        targetSettings["Backup:From"] = folder;
        var (exit, output) = await BackupScenario.RunAsync(targetSettings, target.Path, BackupCommands.Restore);
        Assert.Equal(HostCommands.ExitFailed, exit);
        Assert.Contains("does not match the manifest", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(target.Path, "governance.db")) && new FileInfo(Path.Combine(target.Path, "governance.db")).Length > 0);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_already_holds_data()
    {
        using var source = new TempDirectory();
        using var backups = new TempDirectory();
        var settings = GovernanceApp.SqliteSettings(source.Path);
        await using (var app = new GovernanceApp(settings))
        {
            await BackupScenario.SeedAsync(app);
        }
        settings["Backup:To"] = backups.Path;
        Assert.Equal(0, (await BackupScenario.RunAsync(settings, source.Path, BackupCommands.Backup)).Exit);
        settings["Backup:From"] = Assert.Single(Directory.GetDirectories(backups.Path));
        var (exit, output) = await BackupScenario.RunAsync(settings, source.Path, BackupCommands.Restore);
        Assert.Equal(HostCommands.ExitFailed, exit);
        Assert.Contains("not empty", output, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Commands_without_their_folder_say_which_setting_is_missing()
    {
        using var dir = new TempDirectory();
        var settings = GovernanceApp.SqliteSettings(dir.Path);
        Assert.Contains("Backup:To", (await BackupScenario.RunAsync(settings, dir.Path, BackupCommands.Backup)).Output, StringComparison.Ordinal);
        Assert.Contains("Backup:From", (await BackupScenario.RunAsync(settings, dir.Path, BackupCommands.Restore)).Output, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }
}
